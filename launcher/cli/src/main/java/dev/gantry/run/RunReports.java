package dev.gantry.run;

import dev.gantry.report.AgentInfo;
import dev.gantry.report.RunReport;
import dev.gantry.report.StepPoint;
import dev.gantry.report.WorkerPlacement;
import dev.gantry.report.WorkerThroughput;
import dev.gantry.spark.ExecutorPlacement;
import dev.gantry.training.spark.TrainingRun;
import dev.gantry.training.worker.WorkerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts together what the report shows from the run, the placement and the cluster. */
final class RunReports {
    private RunReports() {}

    /** Each worker's rank with the agent its executor ran on and the GPUs its task was given. */
    static List<WorkerPlacement> workers(TrainingRun run, List<ExecutorPlacement> executors) {
        Map<String, ExecutorPlacement> byId = executors.stream()
                .collect(Collectors.toMap(ExecutorPlacement::executorId, Function.identity(), (a, b) -> a));
        List<WorkerPlacement> out = new ArrayList<>();
        for (WorkerStats w : run.workerStats()) {
            ExecutorPlacement executor = byId.get(w.executorId());
            out.add(new WorkerPlacement(w.rank(), executor == null ? null : executor.agentId(), w.host(), w.gpus(),
                    w.executorId()));
        }
        return out;
    }

    /** Every executor in {@code now}, then those of {@code before} no longer listed (lost since). */
    static List<ExecutorPlacement> latestFirst(List<ExecutorPlacement> now, List<ExecutorPlacement> before) {
        List<ExecutorPlacement> all = new ArrayList<>(now);
        all.addAll(before);
        return all;
    }

    static RunReport of(String job, String framework, ClusterView cluster, String master, Instant started,
                        Duration elapsed, TrainingRun run, List<WorkerPlacement> workers, List<StepPoint> steps) {
        List<AgentInfo> agents = cluster.agents().stream()
                .map(a -> new AgentInfo(a.id(), a.hostname(), a.total().gpus(), a.gpuModel())).toList();
        List<WorkerThroughput> throughput = run.workerStats().stream()
                .map(w -> new WorkerThroughput(w.rank(), w.samplesPerSecond(), w.computeFraction())).toList();
        return new RunReport(job, framework, master, cluster.gpusSimulated(), started, elapsed, run.resumedFromStep(),
                run.exported().toString(), agents, workers, steps, run.epochs(), throughput);
    }
}
