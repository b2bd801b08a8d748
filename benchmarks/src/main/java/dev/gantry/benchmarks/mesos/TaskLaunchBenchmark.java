package dev.gantry.benchmarks.mesos;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.TaskStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/**
 * Tasks launched per second through the embedded cluster, end to end: offers, ACCEPT, sandbox,
 * a real process, status updates acknowledged up to TASK_FINISHED. The peer, run in the same
 * process on the same machine, spawns the same command with {@link ProcessBuilder} directly,
 * with the same concurrency: the ratio is what the master and agent add over a bare spawn.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.gantry.benchmarks.mesos.TaskLaunchBenchmark [tasks] [rounds]}
 */
public final class TaskLaunchBenchmark {
    private static final double TASK_CPUS = 0.25;
    private static final double TASK_MEM = 16;

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int concurrency = 64;
        System.out.printf("task launch benchmark: %d tasks of /bin/true, %d concurrent, %d rounds, %d cores%n",
                tasks, concurrency, rounds, Runtime.getRuntime().availableProcessors());
        double[] gantry = new double[rounds];
        double[] bare = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            bare[round] = bareSpawns(tasks, concurrency);
            gantry[round] = throughCluster(tasks, concurrency, MediaType.PROTOBUF);
            System.out.printf("round %d: embedded cluster %.0f tasks/s, bare ProcessBuilder %.0f spawns/s%n",
                    round + 1, gantry[round], bare[round]);
        }
        double g = median(gantry);
        double b = median(bare);
        System.out.printf("median: embedded cluster %.0f tasks/s, bare ProcessBuilder %.0f spawns/s, ratio %.2f%n",
                g, b, g / b);
    }

    /** The peer: {@code concurrency} processes at a time, each waited for. */
    static double bareSpawns(int tasks, int concurrency) throws Exception {
        long start = System.nanoTime();
        List<Process> running = new ArrayList<>();
        int started = 0;
        while (started < tasks || !running.isEmpty()) {
            while (started < tasks && running.size() < concurrency) {
                running.add(new ProcessBuilder("/bin/true").start());
                started++;
            }
            Process first = running.remove(0);
            first.waitFor();
        }
        return tasks / ((System.nanoTime() - start) / 1e9);
    }

    static double throughCluster(int tasks, int concurrency, MediaType type) throws Exception {
        ClusterSpec spec = ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(concurrency * TASK_CPUS).memMb(concurrency * TASK_MEM).build())
                .simulateGpus(true).build();
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            Launcher launcher = new Launcher(tasks);
            try (SchedulerClient client = SchedulerClient.builder().master(cluster.mesosUrl()).mediaType(type)
                    .frameworkInfo(FrameworkInfos.builder("launch-benchmark").gpuResources(false).build())
                    .listener(launcher).build()) {
                launcher.client = client;
                client.start();
                client.awaitSubscribed(Duration.ofSeconds(30));
                if (!launcher.done.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("only " + (tasks - launcher.done.getCount()) + " tasks finished");
                }
                if (launcher.failed.get() > 0) {
                    throw new IllegalStateException(launcher.failed.get() + " tasks did not finish");
                }
                long elapsed = launcher.lastFinish.get() - launcher.firstLaunch.get();
                client.teardown().get(10, TimeUnit.SECONDS);
                return tasks / (elapsed / 1e9);
            }
        }
    }

    /** Launches as many tasks as each offer holds until all are out; acknowledges every update. */
    private static final class Launcher implements SchedulerListener {
        final CountDownLatch done;
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong firstLaunch = new AtomicLong();
        final AtomicLong lastFinish = new AtomicLong();
        final int total;
        int launched;
        SchedulerClient client;

        Launcher(int total) {
            this.total = total;
            this.done = new CountDownLatch(total);
        }

        @Override
        public void offers(List<Offer> offers) {
            for (Offer offer : offers) {
                double cpus = scalar(offer, "cpus");
                double mem = scalar(offer, "mem");
                int fit = (int) Math.min(Math.floor(cpus / TASK_CPUS + 1e-9), Math.floor(mem / TASK_MEM + 1e-9));
                int count = Math.min(fit, total - launched);
                List<TaskInfo> batch = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    batch.add(TaskInfo.newBuilder().setName("true")
                            .setTaskId(TaskID.newBuilder().setValue("t" + launched++))
                            .setAgentId(offer.getAgentId())
                            .setCommand(CommandInfo.newBuilder().setShell(false).setValue("/bin/true").addArguments("true"))
                            .addResources(resource("cpus", TASK_CPUS)).addResources(resource("mem", TASK_MEM))
                            .build());
                }
                firstLaunch.compareAndSet(0, System.nanoTime());
                // Refuse nothing: what this offer leaves unused comes back as soon as tasks end.
                Filters filters = Filters.newBuilder().setRefuseSeconds(0).build();
                if (batch.isEmpty()) {
                    client.decline(List.of(offer.getId()), filters);
                } else {
                    client.launch(offer.getId(), batch, filters);
                }
            }
        }

        @Override
        public void update(TaskStatus status) {
            client.acknowledge(status);
            TaskState state = status.getState();
            if (TaskStates.isTerminal(state)) {
                if (state != TaskState.TASK_FINISHED) {
                    failed.incrementAndGet();
                }
                lastFinish.set(System.nanoTime());
                done.countDown();
            }
        }

        private static double scalar(Offer offer, String name) {
            return offer.getResourcesList().stream().filter(r -> r.getName().equals(name))
                    .mapToDouble(r -> r.getScalar().getValue()).sum();
        }

        private static Resource resource(String name, double value) {
            return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
