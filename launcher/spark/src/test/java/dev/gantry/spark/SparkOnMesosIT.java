package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Spark 4 applications on the embedded Mesos cluster, with real executor JVMs. */
class SparkOnMesosIT {

    static SparkConf sparkConf(LocalCluster cluster, String app) {
        return new SparkConf().setMaster(cluster.mesosUrl()).setAppName(app)
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.memory", "512m");
    }

    static long runningExecutors(LocalCluster cluster) {
        long running = 0;
        for (JsonNode framework : cluster.state().json().path("frameworks")) {
            for (JsonNode task : framework.path("tasks")) {
                if (task.path("state").asText().equals("TASK_RUNNING")) {
                    running++;
                }
            }
        }
        return running;
    }

    @Test
    void aCoarseGrainedJobSumsToFifteenAndItsExecutorsKeepRunning() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build())) {
            try (JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "sum").set("spark.executor.instances", "2"))) {
                int sum = jsc.parallelize(List.of(1, 2, 3, 4, 5), 2).reduce(Integer::sum);
                assertThat(sum).isEqualTo(15);
                assertThat(jsc.sc().applicationId()).endsWith("-0000");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (runningExecutors(cluster) < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(runningExecutors(cluster)).isEqualTo(2);
                Thread.sleep(1000);
                assertThat(runningExecutors(cluster)).as("executors outlive the job").isEqualTo(2);
            }
            JsonNode state = cluster.state().json();
            assertThat(state.path("frameworks")).as("sc.stop() tears the framework down").isEmpty();
            assertThat(state.path("completed_frameworks").get(0).path("name").asText()).isEqualTo("sum");
        }
    }

    /** The framework's cpus held by running or starting executors, per /state. */
    static double frameworkCpus(LocalCluster cluster) {
        double cpus = 0;
        for (JsonNode framework : cluster.state().json().path("frameworks")) {
            cpus += framework.path("used_resources").path("cpus").asDouble();
        }
        return cpus;
    }

    static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void coresMaxOfOneMeansTheFrameworkHoldsAtMostOneCpu() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(4).memMb(4096).build()).build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "one-core").set("spark.cores.max", "1"))) {
            java.util.concurrent.atomic.DoubleAdder worst = new java.util.concurrent.atomic.DoubleAdder();
            java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                double max = 0;
                while (watching.get()) {
                    max = Math.max(max, frameworkCpus(cluster));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                worst.add(max);
            });
            watcher.start();
            long count = jsc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(x -> {
                Thread.sleep(100);
                return x;
            }).count();
            watching.set(false);
            watcher.join();
            assertThat(count).isEqualTo(8);
            assertThat(worst.sum()).isEqualTo(1.0);
            assertThat(jsc.sc().getExecutorIds().size()).isEqualTo(1);
        }
    }

    /** Offers from agents that all fail spark.mesos.constraints are declined, saying which constraint none met. */
    @Test
    void offersThatFailTheConstraintsSayWhichConstraintNoAgentMet() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).gpus(1).build()).build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "constrained")
                     .set("spark.mesos.constraints", "gpu_model:H100").set("spark.executor.instances", "1")
                     .set("spark.scheduler.minRegisteredResourcesRatio", "0")
                     .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "1s"))) {
            await("the backend to say which constraint no agent met", Duration.ofSeconds(60),
                    () -> MesosExecutors.unmetConstraints(jsc.sc()).isPresent());
            assertThat(MesosExecutors.unmetConstraints(jsc.sc()).get())
                    .startsWith("no agent offered meets the constraint gpu_model is H100 (agent")
                    .contains(": attribute gpu_model is simulated, the job wants H100");
            assertThat(MesosExecutors.placements(jsc.sc())).isEmpty();
            assertThat(runningExecutors(cluster)).isZero();
        }
    }

    @Test
    void aJobUnderARoleRunsOnThatRolesReservedResources() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(4).memMb(4096).reserve("analytics", new AgentSpec.Reservation(2, 2048, 0)).build())
                .build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "reserved")
                     .set("spark.mesos.role", "analytics").set("spark.executor.cores", "2")
                     .set("spark.executor.instances", "1"))) {
            assertThat(jsc.parallelize(List.of(1, 2, 3), 3).map(x -> x * 2).collect()).containsExactly(2, 4, 6);
            JsonNode framework = cluster.state().json().path("frameworks").get(0);
            assertThat(framework.path("roles").toString()).isEqualTo("[\"analytics\"]");
            JsonNode task = framework.path("tasks").get(0);
            assertThat(task.path("role").asText()).isEqualTo("analytics");
            // Reserved resources go first: the executor's cpus and memory (512 MB + 384 MB overhead)
            // all come from the role's reservation, none from the unreserved pool.
            assertThat(task.path("resources_by_reservation").path("analytics").path("cpus").asDouble()).isEqualTo(2.0);
            assertThat(task.path("resources_by_reservation").path("analytics").path("mem").asDouble()).isEqualTo(896.0);
            assertThat(task.path("resources_by_reservation").has("*")).isFalse();
        }
    }

    @Test
    void dynamicAllocationScalesToOneExecutorPerAgentUnderLoadAndBackWhenIdle() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "elastic")
                     .set("spark.executor.cores", "2")
                     .set("spark.dynamicAllocation.enabled", "true")
                     .set("spark.dynamicAllocation.minExecutors", "0")
                     .set("spark.dynamicAllocation.initialExecutors", "0")
                     .set("spark.dynamicAllocation.maxExecutors", "4")
                     .set("spark.dynamicAllocation.schedulerBacklogTimeout", "1s")
                     .set("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", "1s")
                     .set("spark.dynamicAllocation.executorIdleTimeout", "3s"))) {
            java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread watcher = new Thread(() -> {
                while (watching.get()) {
                    peak.accumulateAndGet(runningExecutors(cluster), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            });
            watcher.start();
            long count = jsc.parallelize(java.util.stream.IntStream.range(0, 16).boxed().toList(), 16).map(x -> {
                Thread.sleep(1500);
                return x;
            }).count();
            watching.set(false);
            watcher.join();
            assertThat(count).isEqualTo(16);
            // Two agents of two cpus hold at most one two-core executor each, however hard Spark asks.
            assertThat(peak.get()).isEqualTo(2);
            await("executors to be released when idle", Duration.ofSeconds(60), () -> runningExecutors(cluster) == 0);
            assertThat(frameworkCpus(cluster)).isZero();
        }
    }

    @Test
    void aKilledExecutorIsReplacedAndTheJobStillGetsTheRightAnswer() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).build()).build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "survivor")
                     .set("spark.executor.instances", "2"))) {
            String appId = jsc.sc().applicationId();
            Thread killer = new Thread(() -> {
                try {
                    await("executor 0 to run tasks", Duration.ofSeconds(60), () -> executorProcess(appId, "0") != null);
                    Thread.sleep(1500);
                    executorProcess(appId, "0").destroyForcibly();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            killer.start();
            int sum = jsc.parallelize(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList(), 20).map(x -> {
                Thread.sleep(400);
                return x;
            }).reduce(Integer::sum);
            killer.join();
            assertThat(sum).isEqualTo(820);
            assertThat(executorProcess(appId, "0")).as("executor 0 is gone").isNull();
            await("a replacement executor", Duration.ofSeconds(60), () -> executorProcess(appId, "2") != null);
            assertThat(scala.jdk.javaapi.CollectionConverters.asJava(jsc.sc().getExecutorIds())).contains("2").doesNotContain("0");
        }
    }

    /**
     * The JVM of one executor of one application, found by its command line. Read from
     * /proc because the JDK's ProcessHandle.Info gives no arguments for command lines over 4 KiB,
     * and an executor's classpath is longer than that here.
     */
    static ProcessHandle executorProcess(String appId, String executorId) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(p -> {
            List<String> args;
            try {
                args = List.of(new String(java.nio.file.Files.readAllBytes(
                        java.nio.file.Path.of("/proc", String.valueOf(p.pid()), "cmdline"))).split("\u0000"));
            } catch (java.io.IOException | SecurityException e) {
                return false;
            }
            int id = args.indexOf("--executor-id");
            int app = args.indexOf("--app-id");
            return id >= 0 && app >= 0 && id + 1 < args.size() && app + 1 < args.size()
                    && args.get(id + 1).equals(executorId) && args.get(app + 1).equals(appId);
        }).findFirst().orElse(null);
    }

    @Test
    void fourConcurrentTasksEachSeeTheirOwnGpuOnTwoAgentsOfTwoGpus() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).gpus(2).build()).build());
             JavaSparkContext jsc = new JavaSparkContext(sparkConf(cluster, "gpus")
                     .set("spark.executor.cores", "1")
                     .set("spark.executor.instances", "4")
                     .set("spark.executor.resource.gpu.amount", "1")
                     .set("spark.task.resource.gpu.amount", "1"))) {
            await("four executors", Duration.ofSeconds(90), () -> jsc.sc().getExecutorIds().size() == 4);
            // A barrier stage runs its four tasks at once, one per executor.
            scala.Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<String>> seeGpu =
                    (scala.Function1<scala.collection.Iterator<Integer>, scala.collection.Iterator<String>> & java.io.Serializable)
                            partition -> {
                                org.apache.spark.BarrierTaskContext task = org.apache.spark.BarrierTaskContext.get();
                                String[] gpus = task.resources().get("gpu").get().addresses();
                                String seen = System.getenv("MESOS_AGENT_ID") + "|" + String.join(",", gpus)
                                        + "|" + org.apache.spark.SparkEnv.get().executorId()
                                        + "|" + System.getenv("CUDA_VISIBLE_DEVICES");
                                task.barrier();
                                return scala.jdk.javaapi.CollectionConverters.asScala(List.of(seen).iterator());
                            };
            Object collected = jsc.parallelize(List.of(0, 1, 2, 3), 4).rdd().barrier()
                    .mapPartitions(seeGpu, false, scala.reflect.ClassTag$.MODULE$.apply(String.class)).collect();
            List<String> seen = List.of((String[]) collected);
            assertThat(seen).hasSize(4);
            java.util.Set<String> pairs = new java.util.HashSet<>();
            java.util.Set<String> executorsSeen = new java.util.HashSet<>();
            java.util.Map<String, java.util.Set<String>> gpusPerAgent = new java.util.HashMap<>();
            for (String line : seen) {
                String[] parts = line.split("\\|");
                assertThat(parts[1]).as("each task holds exactly one GPU").doesNotContain(",");
                assertThat(parts[3]).as("the executor's process sees only its own GPU").isEqualTo(parts[1]);
                pairs.add(parts[0] + "/" + parts[1]);
                executorsSeen.add(parts[2]);
                gpusPerAgent.computeIfAbsent(parts[0], a -> new java.util.HashSet<>()).add(parts[1]);
            }
            assertThat(pairs).as("distinct (agent, GPU) pairs").hasSize(4);
            assertThat(executorsSeen).hasSize(4);
            assertThat(gpusPerAgent).hasSize(2).allSatisfy((agent, gpus) -> assertThat(gpus).containsExactlyInAnyOrder("0", "1"));
        }
    }

    @Test
    void halfAGpuPerExecutorIsRefusedBeforeAnyLaunch() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder().simulateGpus(true)
                .agents(2, AgentSpec.builder().cpus(2).memMb(4096).gpus(2).build()).build())) {
            // Through Mesosphere's key Spark does not parse itself, Gantry's own check speaks.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JavaSparkContext(sparkConf(cluster, "half")
                            .set("spark.mesos.executor.gpus", "0.5")))
                    .hasStackTraceContaining("spark.mesos.executor.gpus is 0.5, but Mesos gives whole GPUs only");
            // Spark parses its own key before any cluster manager runs, and refuses it as a number.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JavaSparkContext(sparkConf(cluster, "half")
                            .set("spark.executor.resource.gpu.amount", "0.5")))
                    .hasStackTraceContaining("0.5");
            JsonNode state = cluster.state().json();
            assertThat(state.path("frameworks")).as("nothing subscribed, so nothing launched").isEmpty();
            assertThat(state.path("completed_frameworks")).isEmpty();
        }
    }
}
