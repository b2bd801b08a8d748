package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded clusters and raw schedulers one test opens, with fast timers (status update
 * retries, kill grace period, allocation) and simulated GPUs. Registered as a JUnit extension, it
 * closes them in reverse order after each test.
 */
final class OpenClusters implements AfterEachCallback, AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    LocalCluster cluster(Consumer<ClusterSpec.Builder> setup) throws Exception {
        ClusterSpec.Builder spec = ClusterSpec.builder().simulateGpus(true)
                .statusUpdateRetryInterval(Duration.ofMillis(300))
                .killGracePeriod(Duration.ofMillis(500))
                .allocationInterval(Duration.ofMillis(100));
        setup.accept(spec);
        return track(LocalCluster.start(spec.build()));
    }

    /** A protobuf scheduler subscribed to {@code cluster} with {@code info}. */
    RawScheduler subscribe(LocalCluster cluster, FrameworkInfo info) throws Exception {
        RawScheduler scheduler = track(new RawScheduler(cluster.uri(), MediaType.PROTOBUF));
        scheduler.subscribe(info);
        return scheduler;
    }

    /** Closes {@code closeable} after the test, before what was opened earlier. */
    <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    /** Waits (10 s at most) until the cluster's first agent uses no resources. */
    static void awaitIdle(LocalCluster cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode used = cluster.state().json().path("agents").get(0).path("used_resources");
            boolean idle = true;
            for (JsonNode amount : used) {
                idle &= amount.isNumber() && amount.asDouble() == 0;
            }
            if (idle) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("resources were not returned: " + cluster.state().json().path("agents"));
    }
}
