package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

public record RunReport(String job, String framework, String master, boolean simulatedGpus,
        Instant started, Duration elapsed, long resumedFromStep, String exportedModel,
        List<AgentInfo> agents, List<WorkerPlacement> workers, List<StepPoint> steps,
        List<EpochMetrics> epochs, List<WorkerThroughput> throughput) {}
