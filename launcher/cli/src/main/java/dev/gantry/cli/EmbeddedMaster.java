package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.EmbeddedClusters;
import dev.gantry.localcluster.LocalCluster;
import java.io.IOException;

/**
 * An embedded cluster serving as one application's Spark master, for as long as it runs. It
 * also stops if the JVM exits first (the application may call System.exit, or the user press
 * Ctrl-C), so that no task processes outlive Gantry. While it runs it is registered with
 * {@link EmbeddedClusters}, so that {@code gantry status} and {@code gantry kill} find it.
 */
final class EmbeddedMaster implements AutoCloseable {
    /** Starts the cluster; LocalCluster::start, or in tests one that records what it was asked. */
    @FunctionalInterface
    interface Starter {
        LocalCluster start(ClusterSpec spec) throws IOException;
    }

    private final LocalCluster cluster;
    private final ClusterRegistry.Registration registration;
    private final Thread stopOnExit;

    private EmbeddedMaster(LocalCluster cluster) {
        this.cluster = cluster;
        this.registration = EmbeddedClusters.register(cluster.mesosUrl());
        this.stopOnExit = new Thread(this::stop, "gantry-embedded-master-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static EmbeddedMaster start(Starter starter, ClusterSpec spec) throws IOException {
        return new EmbeddedMaster(starter.start(spec));
    }

    String mesosUrl() {
        return cluster.mesosUrl();
    }

    boolean gpusSimulated() {
        return cluster.gpusSimulated();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; closing twice is harmless.
        }
        stop();
    }

    private void stop() {
        registration.close();
        cluster.close();
    }
}
