package dev.gantry.service.drivers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One attempt of one job's driver, as the service asks {@link DriverFramework#launch} for it.
 *
 * @param jobId           the service's id of the job; with {@code attempt} it makes the task id
 * @param attempt         1 for the first launch, then one more for each relaunch
 * @param spec            the job spec, YAML text; the driver task reads it from its sandbox's {@code job.yaml}
 * @param cpus            CPUs the driver task asks for (the job's executors ask for their own)
 * @param memMb           memory the driver task asks for, in MB: both JVMs of {@code gantry run}
 *                        (launcher and driver) live in it
 * @param role            the role whose offers the driver is launched from; one of the framework's roles
 * @param outputDirectory the job's output directory, absolute: it overrides the spec's
 *                        {@code output.directory}, and a relaunch finds the checkpoints there
 * @param command         what the task runs; {@link DriverCommand#gantryRun()} for a real driver
 * @param environment     extra environment variables of the driver task (e.g. a secret for the job's
 *                        Spark authentication); names starting with {@code GANTRY_DRIVER_} or equal to
 *                        {@value DriverTasks#SPEC_VARIABLE} are the framework's own
 */
public record DriverRequest(String jobId, int attempt, String spec, double cpus, double memMb, String role,
                            Path outputDirectory, DriverCommand command, Map<String, String> environment) {
    /** Specs travel in an environment variable; Linux takes up to 128 KiB per variable. */
    public static final int MAX_SPEC_BYTES = 64 * 1024;
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public DriverRequest {
        DriverTaskId.of(jobId, attempt);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(command, "command");
        environment = Map.copyOf(new TreeMap<>(environment));
        if (spec.isBlank()) {
            throw new IllegalArgumentException("the spec of job " + jobId + " is empty");
        }
        if (spec.getBytes(StandardCharsets.UTF_8).length > MAX_SPEC_BYTES) {
            throw new IllegalArgumentException("the spec of job " + jobId + " is larger than " + MAX_SPEC_BYTES
                    + " bytes");
        }
        if (spec.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the spec of job " + jobId + " holds a NUL character");
        }
        if (!(cpus > 0) || !(memMb > 0) || Double.isInfinite(cpus) || Double.isInfinite(memMb)) {
            throw new IllegalArgumentException("the driver of job " + jobId + " needs positive cpus and memory, not "
                    + cpus + " cpus and " + memMb + " MB");
        }
        if (role.isEmpty()) {
            throw new IllegalArgumentException("the role of job " + jobId + " is empty");
        }
        if (!outputDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the output directory of job " + jobId + " is not absolute: "
                    + outputDirectory + " (the driver runs in its sandbox, where a relative path means nothing)");
        }
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!VARIABLE.matcher(name).matches() || name.startsWith("GANTRY_DRIVER_")
                    || name.equals(DriverTasks.SPEC_VARIABLE) || variable.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("job " + jobId + ": environment variable '" + name
                        + "' is not allowed");
            }
        }
    }

    /** A first attempt with the defaults: 1 CPU, 2048 MB, role {@code *}, a real {@code gantry run}, no extra environment. */
    public static DriverRequest of(String jobId, String spec, Path outputDirectory) {
        return new DriverRequest(jobId, 1, spec, 1, 2048, "*", outputDirectory, DriverCommand.gantryRun(), Map.of());
    }

    public DriverTaskId id() {
        return DriverTaskId.of(jobId, attempt);
    }

    /** The Mesos task id of this attempt. */
    public String taskId() {
        return id().value();
    }

    /** The same job's next attempt, otherwise unchanged. */
    public DriverRequest nextAttempt() {
        return withAttempt(attempt + 1);
    }

    public DriverRequest withAttempt(int chosen) {
        return new DriverRequest(jobId, chosen, spec, cpus, memMb, role, outputDirectory, command, environment);
    }

    public DriverRequest withResources(double chosenCpus, double chosenMemMb) {
        return new DriverRequest(jobId, attempt, spec, chosenCpus, chosenMemMb, role, outputDirectory, command,
                environment);
    }

    public DriverRequest withRole(String chosen) {
        return new DriverRequest(jobId, attempt, spec, cpus, memMb, chosen, outputDirectory, command, environment);
    }

    public DriverRequest withCommand(DriverCommand chosen) {
        return new DriverRequest(jobId, attempt, spec, cpus, memMb, role, outputDirectory, chosen, environment);
    }

    public DriverRequest withEnvironment(Map<String, String> chosen) {
        return new DriverRequest(jobId, attempt, spec, cpus, memMb, role, outputDirectory, command, chosen);
    }

    @Override
    public String toString() {
        return "DriverRequest[" + taskId() + ", " + cpus + " cpus, " + memMb + " MB, role " + role + ", output "
                + outputDirectory + ", " + command + "]";
    }
}
