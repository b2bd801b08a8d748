package dev.gantry.job;

import static dev.gantry.job.SpecChecks.building;
import static dev.gantry.job.SpecChecks.orDefault;
import static dev.gantry.job.SpecChecks.orderedCopy;
import static dev.gantry.job.SpecChecks.require;
import static dev.gantry.job.SpecChecks.required;

import dev.gantry.spark.MesosSparkSettings;
import dev.gantry.spark.SparkAuthentication;
import dev.gantry.spark.SparkKeys;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.data.DataSpec;
import java.util.Map;
import java.util.Optional;

/**
 * A training job as {@code gantry run job.yaml} takes it. Only {@code name}, {@code framework},
 * {@code model} and {@code data} are required; everything else has a default. Read one with
 * {@link JobSpecReader}; every invalid value fails construction with a one-line
 * {@link JobSpecException} naming the field.
 *
 * @param name      the job's name: 1-63 letters, digits, '.', '_' or '-'; names the Spark
 *                  application and, by default, the output directory
 * @param framework {@code tensorflow} or {@code dl4j}
 * @param model     what to train: {@link ModelSection}
 * @param data      the training examples: {@link DataSection}
 * @param training  how to train: {@link TrainingSection}; default all its defaults
 * @param resources workers and what each gets: {@link ResourcesSection}; default one CPU-only worker
 * @param spark     Spark configuration passed through as is, applied last so it wins over what
 *                  Gantry derives from the fields above; default none
 * @param output    where results go: {@link OutputSection}; default {@code runs/<name>}
 * @param master    a Mesos master, {@code mesos://host:5050} (or {@code mesos://zk://...});
 *                  absent (default) = an embedded cluster started on this machine
 */
public record JobSpec(String name, Framework framework, ModelSection model, DataSection data,
                      TrainingSection training, ResourcesSection resources, Map<String, String> spark,
                      OutputSection output, String master) {

    public JobSpec {
        required(name, "name");
        required(framework, "framework");
        required(model, "model");
        required(data, "data");
        data.checkModel(model);
        training = orDefault(training, TrainingSection.defaults());
        resources = orDefault(resources, ResourcesSection.defaults());
        spark = orderedCopy(spark);
        require(!spark.containsKey(SparkKeys.AUTHENTICATE_SECRET), "spark: " + SparkAuthentication.INLINE_REFUSED);
        output = output == null || output.directory() == null || output.directory().isBlank()
                ? OutputSection.forJob(name) : output;
        master = master == null || master.isBlank() ? null : master.strip();
        require(master == null || master.startsWith("mesos://"),
                "master must be a Mesos master URL like mesos://host:5050 (or absent for an embedded cluster), got '"
                        + master + "'");
        // The training job's own checks: the name, the batch against the workers.
        trainingJob(name, framework, model, training, resources, output);
    }

    /** The master to connect to; empty means an embedded cluster. */
    public Optional<String> masterUrl() {
        return Optional.ofNullable(master);
    }

    /** The job as the training library runs it, with one replica per worker of {@code resources}. */
    public TrainingJob toTrainingJob() {
        return trainingJob(name, framework, model, training, resources, output);
    }

    // Static: a compact constructor's checks run before its fields are assigned.
    private static TrainingJob trainingJob(String name, Framework framework, ModelSection model,
                                           TrainingSection training, ResourcesSection resources, OutputSection output) {
        // A worker owns cpusPerWorker CPUs: unless told otherwise its framework uses that many threads.
        int threads = training.threads() > 0 ? training.threads() : resources.cpusPerWorker();
        return building(() -> new TrainingJob(name, framework.id(), model.toModelSpec(),
                training.toTrainConfig(resources.workers()).withThreads(threads), absolute(output.directory())));
    }

    /**
     * Workers write checkpoints from their executors, whose working directory is a sandbox: a
     * relative output must mean the same directory to them as to the person who ran gantry.
     */
    private static String absolute(String directory) {
        return java.nio.file.Path.of(directory).toAbsolutePath().normalize().toString();
    }

    public DataSpec toDataSpec() {
        return data.toDataSpec(model.classes());
    }

    public Optional<DataSpec> validationDataSpec() {
        return data.validationDataSpec(model.classes());
    }

    /**
     * The job's settings as one value, read once: the Spark properties its resources mean with the
     * {@code spark} map over them ({@link JobSparkConf}), and the Mesos backend's typed reading of
     * them, which the capacity check, the embedded cluster's size, the dry-run plan and the driver
     * all take from here. Reads credential files named in {@code spark}; call once per run and pass
     * the value on.
     *
     * @throws JobSpecException naming the {@code spark} key whose value cannot work on Mesos
     */
    public MesosSparkSettings settings() {
        try {
            return MesosSparkSettings.read(JobSparkConf.of(this));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("spark: " + e.getMessage());
        }
    }

    /** The job's Spark properties, unread: see {@link JobSparkConf}; outside this package, {@link #settings()}. */
    Map<String, String> sparkConf() {
        return JobSparkConf.of(this);
    }
}
