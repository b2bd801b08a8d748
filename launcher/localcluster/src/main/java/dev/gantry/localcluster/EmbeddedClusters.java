package dev.gantry.localcluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded clusters running on this machine: this user's {@link ClusterRegistry} in
 * {@code ~/.gantry/clusters} (or {@code <gantry.home>/clusters} when the system property
 * {@code gantry.home} is set, as the build does for tests). A command that starts an embedded
 * cluster registers it for as long as it serves:
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(spec);
 *      var registration = EmbeddedClusters.register(cluster.mesosUrl())) {
 *     ...
 * }
 * }</pre>
 *
 * and {@code gantry status} or {@code gantry kill} without {@code --master} use
 * {@link #live()} to find it.
 */
public final class EmbeddedClusters {
    /** The system property naming Gantry's per-user directory, {@code ~/.gantry} by default. */
    public static final String HOME_PROPERTY = "gantry.home";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClusters.class);

    private EmbeddedClusters() {}

    /** This machine's registry, as the current system properties place it. */
    public static ClusterRegistry registry() {
        String home = System.getProperty(HOME_PROPERTY);
        Path gantryHome = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".gantry");
        return new ClusterRegistry(gantryHome.resolve("clusters"));
    }

    /**
     * Registers a cluster of this process until the registration is closed. Never fails: a
     * cluster that cannot be registered (say, a read-only home) still runs, with a warning that
     * other commands will need {@code --master} to find it.
     */
    public static ClusterRegistry.Registration register(String url) {
        ClusterRegistry registry = registry();
        try {
            return registry.register(url);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot register the embedded cluster {} in {} ({}); 'gantry status' and 'gantry kill'"
                    + " will need --master {}", url, registry.directory(), e.toString(), url);
            return ClusterRegistry.Registration.none(url);
        }
    }

    /** The embedded clusters running on this machine, oldest first; stale entries are cleaned up. */
    public static List<ClusterRegistry.Entry> live() {
        return registry().live();
    }
}
