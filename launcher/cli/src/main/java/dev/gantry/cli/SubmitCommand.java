package dev.gantry.cli;

import dev.gantry.job.DataPaths;
import dev.gantry.job.JobSpecReader;
import dev.gantry.service.client.RemoteJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry submit JOB.yaml}: queues a job on {@code gantry serve}. The file is read here (a
 * missing or non-UTF-8 file fails before the service is asked) and sent as written; the service
 * validates it as {@code gantry run} would and answers with the job.
 */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = "Queues a job on the Gantry service (gantry serve) and prints its id and URL.")
final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions serviceOptions;

    @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job spec, as for gantry run.")
    Path jobFile;

    @Option(names = "--priority", paramLabel = "N", defaultValue = "0",
            description = "Priority within your team, -100 to 100; higher runs first (default: ${DEFAULT-VALUE}).")
    int priority;

    private final ServiceAccess access;

    SubmitCommand() {
        this(ServiceAccess.ofThisProcess());
    }

    SubmitCommand(ServiceAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        // Relative data paths are read against this directory, as gantry run reads them.
        DataPaths.Resolved resolved = DataPaths.absolute(JobSpecReader.text(jobFile), Path.of(""),
                "job spec " + jobFile);
        resolved.changes().forEach(change -> spec.commandLine().getErr().println("gantry: " + change));
        RemoteJob job = serviceOptions.client(access).submit(resolved.text(), priority);
        spec.commandLine().getOut().println("submitted job " + job.id() + ": " + job.url());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
