package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@code report.html} shows about one finished training run. Strings may be null
 * (shown as unknown), lists may be null (shown as empty): a report written at the end of a long
 * job should describe what is known rather than fail on what is not.
 *
 * @param resumedFromStep the checkpoint step this run started from, 0 for a fresh run
 * @param exportedModel   where the model was written, null when it was not exported
 * @param steps           per-step training metrics, in any order
 * @param epochs          per-epoch metrics; accuracy and validation loss NaN without validation data
 * @param throughput      per-worker throughput, one entry per rank
 */
public record RunReport(String job, String framework, String master, boolean simulatedGpus,
                        Instant started, Duration elapsed, long resumedFromStep, String exportedModel,
                        List<AgentInfo> agents, List<WorkerPlacement> workers, List<StepPoint> steps,
                        List<EpochMetrics> epochs, List<WorkerThroughput> throughput) {
    public RunReport {
        agents = Lists.copyOf(agents);
        workers = Lists.copyOf(workers);
        steps = Lists.copyOf(steps);
        epochs = Lists.copyOf(epochs);
        throughput = Lists.copyOf(throughput);
    }
}
