package dev.gantry.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real Apache Mesos binaries are: {@code $MESOS_HOME}, else {@code ../shared/mesos}
 * beside the repository (where CI lays it). A newcomer's machine has neither, and the tests
 * that need real Mesos then skip with one line saying so.
 */
public final class MesosBundle {
    static final String WHY_SKIPPED = "real Mesos tests skipped: no Mesos bundle (mesos.sh) in $MESOS_HOME or ../shared/mesos";

    private final Path home;

    private MesosBundle(Path home) {
        this.home = home;
    }

    /** The bundle, or a skipped test (JUnit assumption) when there is none. */
    public static MesosBundle require() {
        Optional<MesosBundle> bundle = find();
        Assumptions.assumeTrue(bundle.isPresent(), WHY_SKIPPED);
        return bundle.get();
    }

    public static Optional<MesosBundle> find() {
        String env = System.getenv("MESOS_HOME");
        if (env != null && !env.isBlank()) {
            return usable(Path.of(env));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".ci"))) {
                return usable(dir.resolveSibling("shared").resolve("mesos"));
            }
        }
        return Optional.empty();
    }

    private static Optional<MesosBundle> usable(Path home) {
        return Files.isExecutable(home.resolve("mesos.sh")) ? Optional.of(new MesosBundle(home.toAbsolutePath().normalize()))
                : Optional.empty();
    }

    /** The start script: {@code mesos.sh master|agent FLAGS}. */
    public Path script() {
        return home.resolve("mesos.sh");
    }

    /** The libraries the Mesos programs and the executors they start need. */
    public Path libraries() {
        return home.resolve("lib");
    }
}
