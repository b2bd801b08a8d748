package dev.gantry.cli;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecException;
import dev.gantry.spark.MesosSparkSettings;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --agents --cpus --mem --gpus} options of every command that starts an embedded
 * cluster, declared once. A command with fixed defaults names a {@link Defaults} subclass as its
 * {@code defaultValueProvider}; one that sizes the cluster for a job leaves them unset and names
 * {@link SizedForJob} (or {@link SizedForLargestCount}) as its {@code resourceBundle}, so that its
 * help says so.
 */
final class EmbeddedClusterOptions {
    private static final List<String> NAMES = List.of("--agents", "--cpus", "--mem", "--gpus");

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--agents", descriptionKey = "embedded.agents",
            description = "Agents of the embedded cluster (default: ${DEFAULT-VALUE}).")
    Integer agents;

    @Option(names = "--cpus", descriptionKey = "embedded.cpus",
            description = "CPUs per embedded agent (default: ${DEFAULT-VALUE}).")
    Double cpus;

    @Option(names = "--mem", paramLabel = "MB", descriptionKey = "embedded.mem",
            description = "Memory per embedded agent in MB (default: ${DEFAULT-VALUE}).")
    Double memMb;

    @Option(names = "--gpus", descriptionKey = "embedded.gpus",
            description = "GPUs per embedded agent (default: ${DEFAULT-VALUE}).")
    Integer gpus;

    /** The shape as given, each option at its command's default; only for a command with {@link Defaults}. */
    EmbeddedClusterShape shape() {
        return new EmbeddedClusterShape(agents, cpus, memMb, gpus);
    }

    /**
     * The shape that holds {@code job}'s workers, each as its settings ({@link JobSpec#settings()})
     * ask, with each given option replacing its part.
     */
    EmbeddedClusterShape forJob(JobSpec job, MesosSparkSettings settings) {
        return EmbeddedClusterShape.forJob(job.resources().workers(), settings.executorShape(), agents, gpus, cpus,
                memMb);
    }

    /**
     * Refuses these options beside a master: they would be ignored, and a user who gave them
     * expects the cluster they describe.
     */
    void refuseWith(String master) {
        List<String> given = NAMES.stream().filter(mixee.commandLine().getParseResult()::hasMatchedOption).toList();
        if (!given.isEmpty()) {
            throw new JobSpecException(String.join(", ", given) + " shape the embedded cluster, which is not started"
                    + " with master " + master);
        }
    }

    /** Fixed defaults, shown in help as a command's own; a subclass per command sets them. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(int agents, int cpus, int memMb, int gpus) {
            values = Map.of("--agents", String.valueOf(agents), "--cpus", String.valueOf(cpus),
                    "--mem", String.valueOf(memMb), "--gpus", String.valueOf(gpus));
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec option ? values.get(option.longestName()) : null;
        }
    }

    /** Help for commands whose embedded cluster is sized for the job they run. */
    public static final class SizedForJob extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return sizedFor("one worker", "the job's workers");
        }
    }

    /** Help for commands that size their embedded cluster for the largest of several worker counts. */
    public static final class SizedForLargestCount extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return sizedFor("a largest count of one", "the largest count");
        }
    }

    private static Object[][] sizedFor(String single, String enough) {
        return new Object[][] {
            {"embedded.agents", "Agents of the embedded cluster (default: 2, or 1 for " + single + ")."},
            {"embedded.cpus", "CPUs per embedded agent (default: enough for " + enough + ")."},
            {"embedded.mem", "Memory per embedded agent in MB (default: enough for " + enough + ")."},
            {"embedded.gpus", "GPUs per embedded agent (default: enough for " + enough + ")."},
        };
    }
}
