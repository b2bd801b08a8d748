package dev.gantry.spark;

import dev.gantry.mesos.AgentFiles;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at once why an executor failed, with the end of its sandbox's stderr where the agent still
 * has it, and, once executors keep failing, ends the application with the reason, which the
 * application can ask for ({@link #launchFailure()}).
 */
final class FailureReports {
    private static final Logger LOG = LoggerFactory.getLogger(FailureReports.class);

    private final ApplicationAbort abort;
    private final AgentFiles agentFiles = new AgentFiles(HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build());
    /** Once executors keep failing and the last failure's stderr is in, why the application ends. */
    private volatile String launchFailure;
    /** Whether the application has asked for {@link #launchFailure} since it was set. */
    private volatile boolean launchFailureHeard;

    FailureReports(ApplicationAbort abort) {
        this.abort = abort;
    }

    /**
     * Reports executor {@code executorId}'s failure, and ends the application when {@code giveUp}
     * (why to stop launching) is set.
     */
    void failed(String executorId, LaunchedExecutors.Executor gone, TaskStatus status, String appId, String giveUp) {
        boolean ranOnAgent = status.getSource() != TaskStatus.Source.SOURCE_MASTER && gone.agentUrl() != null
                && appId != null;
        CompletableFuture<List<String>> tail = ranOnAgent
                ? agentFiles.tail(gone.agentUrl(), AgentFiles.sandboxPath(appId, executorId, "stderr"))
                : CompletableFuture.completedFuture(List.of());
        tail.thenAccept(lines -> {
            ExecutorFailure failure = new ExecutorFailure(executorId, gone.agentId().getValue(), gone.hostname(),
                    status, lines);
            LOG.error("{}", failure.details());
            if (giveUp != null) {
                giveUp("executors keep failing: " + giveUp + "; the last: " + failure.summary());
            }
        });
    }

    /** Ends the application because executors cannot start, once it has heard why (bounded). */
    void giveUp(String message) {
        launchFailure = message;
        abort.abort(message, () -> launchFailureHeard);
    }

    /** Whether the backend has given up on executors. */
    boolean givenUp() {
        return launchFailure != null;
    }

    /** Why executors could not start, once the backend has given up on them. */
    Optional<String> launchFailure() {
        String failure = launchFailure;
        launchFailureHeard |= failure != null;
        return Optional.ofNullable(failure);
    }
}
