package dev.gantry.cli;

import dev.gantry.service.client.LogPart;
import dev.gantry.service.client.ServiceClient;
import dev.gantry.service.client.ServiceException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gantry logs JOB [LOG]}: prints a log of a job on {@code gantry serve}, by default its
 * driver's stdout (the run's progress and summary; Gantry's own log lines go to stderr, which
 * {@code driver.stderr} shows). The bytes are copied as they are: a log need not be UTF-8.
 */
@Command(name = "logs",
        mixinStandardHelpOptions = true,
        description = "Prints a log of a job on the Gantry service: LOG is driver.stdout (the default),"
                + " driver.stderr, worker-N.stdout or worker-N.stderr, of the latest attempt unless @ATTEMPT follows"
                + " (driver.stdout@1). --list shows the job's logs; -f follows one until the job's process ends.")
final class LogsCommand implements Callable<Integer> {
    static final String DEFAULT_LOG = "driver.stdout";
    /** What one request asks for: the API's most. */
    static final int PART_BYTES = 1024 * 1024;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceOptions serviceOptions;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job's id.")
    long id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOG", defaultValue = DEFAULT_LOG,
            description = "Which log (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is written until the log is complete"
            + " (Ctrl-C stops following; the job goes on).")
    boolean follow;

    @Option(names = "--list", description = "List the job's logs instead.")
    boolean list;

    private final ServiceAccess access;
    private final Duration pollInterval;

    LogsCommand() {
        this(ServiceAccess.ofThisProcess(), POLL_INTERVAL);
    }

    LogsCommand(ServiceAccess access, Duration pollInterval) {
        this.access = access;
        this.pollInterval = pollInterval;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServiceClient client = serviceOptions.client(access);
        if (list) {
            client.logNames(id).forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return 0;
        }
        PrintStream out = System.out;
        String log = name;
        long offset = 0;
        while (true) {
            LogPart part;
            try {
                part = client.log(id, log, offset, PART_BYTES);
            } catch (ServiceException e) {
                // Following a job that has not started yet: its log comes when its driver does.
                if (follow && e.status() == 404 && offset == 0 && !client.job(id).isFinal()) {
                    Thread.sleep(pollInterval.toMillis());
                    continue;
                }
                throw e;
            }
            // The first answer names the attempt; keep to it, so a retry's log never continues this one's.
            log = part.name();
            out.write(part.data(), 0, part.data().length);
            offset = part.nextOffset();
            if (part.data().length > 0) {
                continue;
            }
            if (!follow || part.complete()) {
                break;
            }
            out.flush();
            Thread.sleep(pollInterval.toMillis());
        }
        out.flush();
        return 0;
    }
}
