package dev.gantry.report;

import dev.gantry.training.worker.EpochMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Run reports for tests: a realistic one, and an empty one to start degenerate cases from. */
final class Reports {
    static final int EPOCHS = 5;
    static final int STEPS_PER_EPOCH = 1000;

    private Reports() {}

    /**
     * Three agents (4 A100s, 2 GPUs of unknown model, none) and six workers: two on the first
     * agent, one on the second's GPU 1, a CPU worker on the third, and two whose agent is not
     * in the list (one with no agent id at all) on host "stray-host". 5000 noisy steps.
     */
    static RunReport sample(String job) {
        List<AgentInfo> agents = List.of(
                new AgentInfo("agent-a", "gpu-1.example", 4, "NVIDIA A100-SXM4-40GB"),
                new AgentInfo("agent-b", "gpu-2.example", 2, null),
                new AgentInfo("agent-c", "cpu-1.example", 0, null));
        List<WorkerPlacement> workers = List.of(
                new WorkerPlacement(0, "agent-a", "gpu-1.example", List.of("0"), "exec-0"),
                new WorkerPlacement(1, "agent-a", "gpu-1.example", List.of("1"), "exec-1"),
                new WorkerPlacement(2, "agent-b", "gpu-2.example", List.of("1"), "exec-2"),
                new WorkerPlacement(3, "agent-c", "cpu-1.example", List.of(), "exec-3"),
                new WorkerPlacement(4, null, "stray-host", List.of("0"), "exec-4"),
                new WorkerPlacement(5, "agent-gone", "stray-host", List.of(), null));
        SplittableRandom random = new SplittableRandom(7);
        List<StepPoint> steps = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = 1; i <= STEPS_PER_EPOCH; i++) {
                long step = (long) epoch * STEPS_PER_EPOCH + i;
                double loss = 2.3 * Math.exp(-step / 1500.0) + 0.1 + random.nextDouble(0.15);
                steps.add(new StepPoint(step, epoch, loss, 900 + random.nextDouble(200)));
            }
            long step = (long) (epoch + 1) * STEPS_PER_EPOCH;
            epochs.add(new EpochMetrics(epoch, step, 2.3 * Math.exp(-step / 1500.0) + 0.17,
                    0.6 + 0.07 * epoch, 2.3 * Math.exp(-step / 1500.0) + 0.25, 1000 + 10 * epoch, 42.5));
        }
        List<WorkerThroughput> throughput = List.of(
                new WorkerThroughput(0, 410, 0.91), new WorkerThroughput(1, 395, 0.88),
                new WorkerThroughput(2, 205, 0.62), new WorkerThroughput(3, 40, Double.NaN),
                new WorkerThroughput(4, 300, 0.75), new WorkerThroughput(5, 38.5, 0.97));
        return new RunReport(job, "tensorflow", "mesos://master.example:5050", false,
                Instant.parse("2025-03-01T10:15:30Z"), Duration.ofMinutes(3).plusSeconds(32), 0,
                "/data/out/model", agents, workers, steps, epochs, throughput);
    }

    static RunReport empty() {
        return new RunReport("empty", "dl4j", "embedded", true, null, null, 0, null,
                List.of(), List.of(), List.of(), List.of(), List.of());
    }

    static RunReport withSteps(RunReport r, List<StepPoint> steps) {
        return new RunReport(r.job(), r.framework(), r.master(), r.simulatedGpus(), r.started(), r.elapsed(),
                r.resumedFromStep(), r.exportedModel(), r.agents(), r.workers(), steps, r.epochs(), r.throughput());
    }

    static RunReport withEpochs(RunReport r, List<EpochMetrics> epochs) {
        return new RunReport(r.job(), r.framework(), r.master(), r.simulatedGpus(), r.started(), r.elapsed(),
                r.resumedFromStep(), r.exportedModel(), r.agents(), r.workers(), r.steps(), epochs, r.throughput());
    }

    static RunReport withThroughput(RunReport r, List<WorkerThroughput> throughput) {
        return new RunReport(r.job(), r.framework(), r.master(), r.simulatedGpus(), r.started(), r.elapsed(),
                r.resumedFromStep(), r.exportedModel(), r.agents(), r.workers(), r.steps(), r.epochs(), throughput);
    }
}
