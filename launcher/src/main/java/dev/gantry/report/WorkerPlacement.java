package dev.gantry.report;

import java.util.List;

public record WorkerPlacement(int rank, String agentId, String host, List<String> gpus, String executorId) {}
