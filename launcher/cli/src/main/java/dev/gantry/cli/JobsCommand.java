package dev.gantry.cli;

import dev.gantry.service.client.RemoteJob;
import dev.gantry.service.client.ServiceClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry jobs}: your jobs on {@code gantry serve} (or your team's), newest first. */
@Command(name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Lists your jobs on the Gantry service, newest first; with --all-users your team's.")
final class JobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions serviceOptions;

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "Only jobs in these states, e.g. --state QUEUED,RUNNING.")
    List<String> states = List.of();

    @Option(names = "--all-users", description = "Everyone's jobs in your team, not only yours.")
    boolean allUsers;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most this many jobs, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    private final ServiceAccess access;

    JobsCommand() {
        this(ServiceAccess.ofThisProcess());
    }

    JobsCommand(ServiceAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        ServiceClient client = serviceOptions.client(access);
        String user = allUsers ? null : client.whoami().user();
        List<RemoteJob> jobs = client.jobs(states, user, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
            out.println("no jobs" + (states.isEmpty() ? "" : " in " + String.join(", ", states))
                    + (allUsers ? " in your team" : " of yours" + " (--all-users shows your team's)"));
        } else {
            out.print(JobTable.of(jobs, Instant.now()));
        }
        out.flush();
        return 0;
    }
}
