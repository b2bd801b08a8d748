package dev.gantry.benchmarks.spark;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;

/**
 * Gantry's embedded Mesos cluster, as {@code gantry spark-submit} starts it without a master:
 * one agent per executor, each of 1 cpu, as local-cluster has one 1-core worker per executor.
 * The cluster starts before the SparkContext (timed apart) and is closed after it stops.
 */
final class EmbeddedMesosMode implements StartupMode {
    /** A 1024 MB heap plus Spark's default overhead of 384 MB is a 1408 MB Mesos task. */
    private static final double AGENT_MEM_MB = 2048;

    @Override
    public String name() {
        return "embedded Mesos";
    }

    @Override
    public RoundResult round(int executors) throws Exception {
        ClusterSpec spec = ClusterSpec.builder()
                .agents(executors, AgentSpec.builder().cpus(1).memMb(AGENT_MEM_MB).build())
                .host("127.0.0.1").port(0).build();
        long start = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            double clusterStartMs = SparkRound.millisSince(start);
            return SparkRound.run(StartupMode.commonConf("startup-embedded-mesos", executors)
                    .setMaster(cluster.mesosUrl()), executors, clusterStartMs);
        }
    }
}
