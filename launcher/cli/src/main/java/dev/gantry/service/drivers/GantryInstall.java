package dev.gantry.service.drivers;

import dev.gantry.run.DriverRun;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Where a driver task finds Gantry on its agent: the checkout ({@code gantry.root}, whose
 * {@code dist/<framework>/target/classpath} the driver JVM of {@code gantry run} is started with),
 * the {@code java} to run, the launcher's classpath and the JVM options {@code gantry run} needs
 * (Spark's module options, as the {@code gantry} script passes them). The agent must see these
 * paths: on the embedded cluster and on Mesos agents of the machine the service runs on it does; on
 * other hosts, install Gantry at the same path (or build one with {@link #checkout}).
 */
public record GantryInstall(Path root, Path java, String classpath, List<String> jvmOptions) {
    public GantryInstall {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classpath, "classpath");
        jvmOptions = List.copyOf(jvmOptions);
        if (!root.isAbsolute() || !java.isAbsolute()) {
            throw new IllegalArgumentException("the Gantry root and java must be absolute paths: " + root + ", " + java);
        }
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("the launcher classpath is empty");
        }
    }

    /**
     * The Gantry this JVM runs: its checkout, its {@code java} and its classpath. A driver so started
     * runs exactly the launcher the service runs, and the agent never builds anything (the
     * {@code gantry} script would rebuild a checkout whose sources are newer than its jar).
     */
    public static GantryInstall current() {
        return new GantryInstall(DriverRun.home().toAbsolutePath().normalize(), currentJava(),
                System.getProperty("java.class.path"), sparkModuleOptions());
    }

    /**
     * A checkout at {@code root} as the {@code gantry} script runs it: {@code launcher/cli/target/gantry-cli.jar}
     * and {@code launcher/cli/target/lib/*}, with this JVM's {@code java}.
     */
    public static GantryInstall checkout(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        Path target = absolute.resolve("launcher").resolve("cli").resolve("target");
        return new GantryInstall(absolute, currentJava(),
                target.resolve("gantry-cli.jar") + File.pathSeparator + target.resolve("lib").resolve("*"),
                sparkModuleOptions());
    }

    /**
     * The options every Spark driver JVM needs on Java 17, less {@code jdk.incubator.vector}, which
     * only makes the JVM warn (the {@code gantry} script leaves it out for {@code gantry run} too).
     */
    static List<String> sparkModuleOptions() {
        List<String> options = new ArrayList<>();
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            if (!option.equals("--add-modules=jdk.incubator.vector")) {
                options.add(option);
            }
        }
        return options;
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public String toString() {
        return "GantryInstall[root=" + root + ", java=" + java + ", classpath of " + classpath.split(File.pathSeparator).length
                + " entries]";
    }
}
