package dev.gantry.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkContext;

/** What a running application's Mesos backend has launched, for tools that show placement. */
public final class MesosExecutors {
    private MesosExecutors() {}

    /** The executors launched and not yet ended, in launch order; empty when the master is not Mesos. */
    public static List<ExecutorPlacement> placements(SparkContext sc) {
        return sc.schedulerBackend() instanceof MesosSchedulerBackend backend ? backend.placements() : List.of();
    }

    /**
     * Why the backend gave up launching executors (they kept failing before reaching the driver),
     * with the last one's Mesos status and stderr; empty while it has not.
     */
    public static Optional<String> launchFailure(SparkContext sc) {
        return sc.schedulerBackend() instanceof MesosSchedulerBackend backend ? backend.launchFailure() : Optional.empty();
    }

    /**
     * Which constraint ({@code spark.mesos.constraints}) no agent offered met, with what the agents
     * have instead, while the offers the backend judged all failed the constraints; empty otherwise.
     */
    public static Optional<String> unmetConstraints(SparkContext sc) {
        return sc.schedulerBackend() instanceof MesosSchedulerBackend backend ? backend.unmetConstraints()
                : Optional.empty();
    }
}
