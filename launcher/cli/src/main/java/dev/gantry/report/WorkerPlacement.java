package dev.gantry.report;

import java.util.List;

/**
 * Where one worker (training replica) ran.
 *
 * @param agentId null when unknown; the report then groups the worker by host
 * @param gpus    the GPU ids the worker held, as the agent names them (usually indices "0", "1");
 *                empty for a CPU-only worker
 */
public record WorkerPlacement(int rank, String agentId, String host, List<String> gpus, String executorId) {
    public WorkerPlacement {
        gpus = Lists.copyOf(gpus);
    }
}
