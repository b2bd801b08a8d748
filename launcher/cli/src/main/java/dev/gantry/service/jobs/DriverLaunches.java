package dev.gantry.service.jobs;

import dev.gantry.service.drivers.DriverCommand;
import dev.gantry.service.drivers.DriverRequest;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.store.Job;
import dev.gantry.service.tenancy.Team;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a job the queue started into its driver's launch: a real {@code gantry run} of the spec as
 * submitted, in the team's role, writing to the job's output directory, with its executors in the
 * team's role too and labelled with the job, so that the service finds their sandboxes (logs).
 */
final class DriverLaunches {
    /** The label each executor task of a service job carries, with the job's id as its value. */
    static final String JOB_LABEL = "gantry_job";
    /** The label with the attempt of the job's driver that launched the executor. */
    static final String ATTEMPT_LABEL = "gantry_attempt";

    private final Path dataDirectory;
    private final GantryInstall install;
    private final double driverCpus;
    private final double driverMemMb;

    DriverLaunches(Path dataDirectory, GantryInstall install, double driverCpus, double driverMemMb) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.install = Objects.requireNonNull(install, "install");
        this.driverCpus = driverCpus;
        this.driverMemMb = driverMemMb;
    }

    /**
     * Where the job writes: the spec's {@code output.directory} when it is absolute (the user chose a
     * place every agent sees), else the job's own directory under the service's data directory.
     */
    Path outputDirectory(Job job, CheckedJob checked) {
        if (job.output().isPresent()) {
            return Path.of(job.output().get());
        }
        Path chosen = Path.of(checked.spec().output().directory());
        return chosen.isAbsolute() ? chosen.normalize() : dataDirectory.resolve("jobs").resolve(Long.toString(job.id()));
    }

    DriverRequest request(Job job, CheckedJob checked, Team team, int attempt) {
        List<String> overrides = new ArrayList<>();
        if (!team.role().equals("*")) {
            overrides.add("spark.spark.mesos.role=" + team.role());
        }
        String labels = checked.spec().spark().getOrDefault("spark.mesos.task.labels", "").strip();
        overrides.add("spark.spark.mesos.task.labels=" + (labels.isEmpty() ? "" : labels + ",") + JOB_LABEL + ":"
                + job.id() + "," + ATTEMPT_LABEL + ":" + attempt);
        DriverCommand command = DriverCommand.gantryRun(install, overrides);
        return new DriverRequest(Long.toString(job.id()), attempt, checked.specText(), driverCpus, driverMemMb,
                team.role(), outputDirectory(job, checked), command, Map.of());
    }
}
