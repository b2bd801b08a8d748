package dev.gantry.service.drivers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a driver task runs. The framework writes the spec to {@code job.yaml} in the task's sandbox
 * (its working directory) and the shell's pid to {@code driver.pid}, then runs {@link #script}; a
 * script that {@code exec}s its driver leaves the driver's own pid in {@code driver.pid}, and the
 * driver's exit code is the task's.
 */
public interface DriverCommand {
    /**
     * Shell text run in the sandbox, after the spec was written to {@code context.specFile()}.
     */
    String script(Context context);

    /** Environment variables the script reads. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * What a script may refer to.
     *
     * @param master          the Mesos master the framework subscribed to, as it was given (the job's executors go there)
     * @param specFile        the spec's file, relative to the sandbox
     * @param outputDirectory the job's output directory
     */
    record Context(DriverTaskId id, String master, String specFile, Path outputDirectory) {}

    /** A real driver: {@code gantry run job.yaml --master M} of the Gantry this JVM runs. */
    static DriverCommand gantryRun() {
        return gantryRun(GantryInstall.current(), List.of());
    }

    /**
     * A real driver, {@code gantry run job.yaml --master M --set output.directory=D} of {@code install},
     * with {@code --set} for each of {@code overrides} ({@code KEY=VALUE}, as {@code gantry run} takes them).
     */
    static DriverCommand gantryRun(GantryInstall install, List<String> overrides) {
        return new GantryRun(install, overrides);
    }

    /**
     * Any shell text, written and wrapped like a real driver's (spec file, pid file); for a driver
     * that should be something else, e.g. {@code exec sleep 600} in a test.
     */
    static DriverCommand shell(String script) {
        Objects.requireNonNull(script, "script");
        return new DriverCommand() {
            @Override
            public String script(Context context) {
                return script;
            }

            @Override
            public String toString() {
                return "shell[" + script + "]";
            }
        };
    }

    /**
     * {@code gantry run} in the task: first {@link OutputRelease} waits until no earlier attempt
     * still holds the job's output directory (a driver JVM whose launcher was killed takes a moment
     * to stop; its lock would make this attempt fail as bad input), then the launcher JVM is
     * {@code exec}ed with Spark's module options and {@code gantry.root}, as the {@code gantry}
     * script starts it. Java and the classpath come through the environment, which keeps a long
     * classpath out of the command line.
     */
    record GantryRun(GantryInstall install, List<String> overrides) implements DriverCommand {
        static final String JAVA = "GANTRY_DRIVER_JAVA";
        static final String CLASSPATH = "GANTRY_DRIVER_CLASSPATH";

        public GantryRun {
            Objects.requireNonNull(install, "install");
            overrides = List.copyOf(overrides);
            for (String override : overrides) {
                if (override.indexOf('=') <= 0) {
                    throw new IllegalArgumentException("override '" + override + "' is not KEY=VALUE");
                }
            }
        }

        @Override
        public String script(Context context) {
            String output = context.outputDirectory().toString();
            String java = "\"$" + JAVA + "\"";
            String classpath = "-cp \"$" + CLASSPATH + "\"";
            List<String> run = new ArrayList<>(install.jvmOptions());
            run.add("-Dgantry.root=" + install.root());
            List<String> args = new ArrayList<>(List.of("dev.gantry.cli.GantryCli", "run", context.specFile(),
                    "--master", context.master(), "--set", "output.directory=" + output));
            for (String override : overrides) {
                args.add("--set");
                args.add(override);
            }
            return java + " " + classpath + " " + OutputRelease.class.getName() + " " + Shell.quote(output)
                    + " && exec " + java + " " + Shell.join(run) + " " + classpath + " " + Shell.join(args);
        }

        @Override
        public Map<String, String> environment() {
            return Map.of(JAVA, install.java().toString(), CLASSPATH, install.classpath());
        }

        @Override
        public String toString() {
            return "gantry run of " + install + (overrides.isEmpty() ? "" : " " + overrides);
        }
    }
}
