package dev.gantry.gpucheck;

import dev.gantry.mesos.AgentFiles;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * {@code gantry cluster check} without its command line: subscribes to a Mesos master in one
 * role, launches on every agent offered one small task per whole GPU (one CPU task on an agent
 * without GPUs), each printing the devices it may use, waits for them all to end, reads what each
 * printed, and tears the framework down. GPUs reserved for the role count like unreserved ones:
 * offers are read and answered with the Spark backend's arithmetic ({@code dev.gantry.offers},
 * {@code dev.gantry.placement}), so every task asks for its resources in the reservation they were
 * offered in.
 */
public final class GpuCheck {
    private GpuCheck() {}

    /**
     * What to check and how long to wait.
     *
     * @param window     how long after the first offer agents are still taken in; later ones are declined
     * @param timeout    how long to wait for the subscription, and then for every task to end
     */
    public record Settings(String master, String role, Optional<String> principal, Optional<Credential> credential,
                           Duration window, Duration timeout) {
        public Settings {
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** One launched task and how it ended; {@code agentUrl} is null where the offer named no agent address. */
    public record Outcome(String taskId, String agentId, URI agentUrl, int gpus, TaskState state, String message) {}

    /** Reads what the check's tasks printed of their GPUs. */
    @FunctionalInterface
    public interface TaskOutputs {
        /** What each task saw, by task id; tasks whose output cannot be read are left out. */
        Map<String, String> read(String frameworkId, List<Outcome> outcomes) throws Exception;

        /**
         * The end of each task's stdout, read from its agent's sandbox over HTTP, as real Mesos agents
         * serve it. The Mesos command executor writes its own lines to stdout too; Mesos sets no
         * CUDA_VISIBLE_DEVICES, so on an isolated agent the devices nvidia-smi lists (by UUID) are
         * what tells two tasks' GPUs apart.
         */
        static TaskOutputs fromAgents() {
            return (frameworkId, outcomes) -> {
                AgentFiles files = new AgentFiles(HttpClient.newHttpClient());
                Map<String, String> outputs = new HashMap<>();
                for (Outcome outcome : outcomes) {
                    if (outcome.agentUrl() == null) {
                        continue;
                    }
                    List<String> lines = files.tail(outcome.agentUrl(),
                            AgentFiles.sandboxPath(frameworkId, outcome.taskId(), "stdout")).get();
                    String saw = String.join(" ", lines.stream()
                            .filter(l -> l.startsWith("CUDA_VISIBLE_DEVICES=") || l.startsWith("GPU ")).toList());
                    if (!saw.isEmpty()) {
                        outputs.put(outcome.taskId(), saw);
                    }
                }
                return outputs;
            };
        }
    }

    /**
     * How the check went.
     *
     * @param failure  why it could not judge the GPUs (no subscription, a refused launch, a timeout)
     * @param outputs  what each task printed, by task id, where it could be read
     * @param warnings what went wrong without spoiling the result, such as an unconfirmed TEARDOWN
     */
    public record Result(Optional<String> failure, List<Outcome> outcomes, Map<String, String> outputs,
                         List<String> warnings) {
        public Result {
            outcomes = List.copyOf(outcomes);
            outputs = Map.copyOf(outputs);
            warnings = List.copyOf(warnings);
        }

        /** What the task printed of its GPUs, or else its last status message. */
        public String saw(Outcome outcome) {
            return outputs.getOrDefault(outcome.taskId(), outcome.message());
        }

        /**
         * Whether there were tasks, all finished, and no two GPU tasks of one agent printed the same
         * devices (the isolator kept them apart).
         */
        public boolean passed() {
            if (failure.isPresent() || outcomes.isEmpty()) {
                return false;
            }
            Map<String, Set<String>> devicesPerAgent = new HashMap<>();
            boolean ok = true;
            for (Outcome o : outcomes) {
                ok &= o.state() == TaskState.TASK_FINISHED;
                if (o.gpus() > 0 && outputs.containsKey(o.taskId())) {
                    ok &= devicesPerAgent.computeIfAbsent(o.agentId(), a -> new HashSet<>()).add(saw(o));
                }
            }
            return ok;
        }

        public long agents() {
            return outcomes.stream().map(Outcome::agentId).distinct().count();
        }

        public long gpuTasks() {
            return outcomes.stream().filter(o -> o.gpus() > 0).count();
        }
    }

    /** Runs the check against {@code settings.master()}; never throws for what the cluster does. */
    public static Result run(Settings settings, TaskOutputs outputs) throws InterruptedException {
        CheckScheduler scheduler = new CheckScheduler(settings.window());
        FrameworkInfos info = FrameworkInfos.builder("gantry-check").roles(settings.role());
        settings.principal().ifPresent(info::principal);
        SchedulerClient.Builder builder = SchedulerClient.builder().master(settings.master()).listener(scheduler);
        settings.credential().ifPresent(builder::credential);
        List<String> warnings = new ArrayList<>();
        try (SchedulerClient client = builder.frameworkInfo(info.build()).build()) {
            scheduler.attach(client);
            client.start();
            FrameworkID frameworkId;
            try {
                frameworkId = client.awaitSubscribed(settings.timeout());
            } catch (TimeoutException | IllegalStateException e) {
                return new Result(Optional.of("cannot subscribe to " + settings.master() + ": " + e.getMessage()),
                        List.of(), Map.of(), warnings);
            }
            boolean ended = scheduler.await(settings.timeout());
            // Read before TEARDOWN: the client reports its own teardown as a stop, and a real agent
            // stops serving a torn-down framework's sandboxes.
            Optional<String> failure = scheduler.failure();
            List<Outcome> outcomes = scheduler.outcomes();
            Map<String, String> printed = Map.of();
            try {
                printed = outputs.read(frameworkId.getValue(), outcomes);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                warnings.add("cannot read what the tasks printed: " + e.getMessage());
            }
            try {
                client.teardown().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                warnings.add("TEARDOWN was not confirmed: " + e.getMessage());
            }
            if (failure.isEmpty() && !ended) {
                failure = Optional.of(String.format(Locale.ROOT,
                        "no offers or unfinished tasks after %.0f s (%d launched)",
                        settings.timeout().toMillis() / 1000.0, scheduler.launched()));
            }
            return new Result(failure, outcomes, printed, warnings);
        }
    }
}
