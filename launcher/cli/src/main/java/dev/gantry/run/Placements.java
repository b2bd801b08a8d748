package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.spark.ExecutorPlacement;
import dev.gantry.spark.MesosExecutors;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Waits until every worker's executor is launched and registered, then shows where each went.
 * Against a busy master this is where a job waits for GPUs; after the gang timeout it gives up and
 * says what the cluster had free and, while the offers failed the job's constraints, which constraint
 * no agent met.
 */
final class Placements {
    private static final long POLL_MILLIS = 200;

    private Placements() {}

    static List<ExecutorPlacement> await(SparkContext sc, int workers, Duration timeout,
                                         Supplier<String> whatIsFree) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ExecutorPlacement> launched = MesosExecutors.placements(sc);
            Set<String> ids = Set.copyOf(CollectionConverters.asJava(sc.getExecutorIds()));
            List<ExecutorPlacement> running = launched.stream().filter(p -> ids.contains(p.executorId())).toList();
            long registered = running.size();
            if (registered >= workers) {
                return running.subList(0, workers);
            }
            Optional<String> cannotStart = MesosExecutors.launchFailure(sc);
            if (cannotStart.isPresent()) {
                throw new IllegalStateException(cannotStart.get());
            }
            if (System.nanoTime() > deadline) {
                String constraints = MesosExecutors.unmetConstraints(sc).map(why -> why + "; ").orElse("");
                throw new JobSpecException("resources: only " + registered + " of " + workers + " workers were placed"
                        + " and running after " + timeout.toSeconds() + " s (resources.gangTimeout plus executor"
                        + " start-up); " + constraints + whatIsFree.get());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The placement as the progress file keeps it: each executor with the GPU indices it reported. */
    static List<ProgressFile.Executor> executors(List<ExecutorPlacement> placements, ExecutorGpus gpus) {
        List<ProgressFile.Executor> executors = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            ExecutorPlacement p = placements.get(i);
            List<Integer> indices = new ArrayList<>();
            for (String address : gpus.of(p.executorId())) {
                // Gantry's discovery reports device indices; anything else has no index to show.
                if (address.matches("[0-9]{1,6}")) {
                    indices.add(Integer.parseInt(address));
                }
            }
            executors.add(new ProgressFile.Executor(i, p.executorId(), p.agentId(), p.hostname(), p.cpus(), p.memMb(),
                    indices));
        }
        return executors;
    }

    static void print(PrintWriter out, List<ExecutorPlacement> placements, ExecutorGpus gpus, String policy) {
        long agents = placements.stream().map(ExecutorPlacement::agentId).distinct().count();
        out.println("placement (" + policy + "): " + placements.size() + " worker(s) on " + agents + " agent(s)");
        for (ExecutorPlacement p : placements) {
            List<String> addresses = gpus.of(p.executorId());
            out.println("  executor " + p.executorId() + "  agent " + Formats.agent(p.agentId()) + " (" + p.hostname() + ")  "
                    + new dev.gantry.placement.Amounts(p.cpus(), p.memMb(), p.gpus()).describe()
                    + (addresses.isEmpty() ? "" : "  GPU " + String.join(",", addresses)));
        }
        out.flush();
    }
}
