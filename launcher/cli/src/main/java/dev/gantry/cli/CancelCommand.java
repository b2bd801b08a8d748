package dev.gantry.cli;

import dev.gantry.service.client.RemoteJob;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gantry cancel JOB}: cancels a job of your team on {@code gantry serve}. */
@Command(name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancels a job on the Gantry service: a waiting one at once, a running one by stopping its"
                + " driver.")
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions serviceOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
    long id;

    private final ServiceAccess access;

    CancelCommand() {
        this(ServiceAccess.ofThisProcess());
    }

    CancelCommand(ServiceAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        RemoteJob job = serviceOptions.client(access).cancel(id);
        PrintWriter out = spec.commandLine().getOut();
        out.println(switch (job.state()) {
            case "CANCELLED" -> "cancelled job " + job.id() + " '" + job.name() + "'";
            case "CANCELLING" -> "cancelling job " + job.id() + " '" + job.name() + "': its driver is being stopped";
            default -> "job " + job.id() + " '" + job.name() + "' had ended already: " + job.state();
        });
        out.flush();
        return 0;
    }
}
