package dev.gantry.service.jobs;

import dev.gantry.mesos.MasterState;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.Job;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A job's logs, read where Mesos keeps them: in the sandboxes on the agents, through each agent's
 * {@code /files/read} (the same on real Mesos and the embedded cluster). The driver's sandbox is
 * the service framework's task of each attempt; the workers' are the executor tasks that carry the
 * job's labels ({@link DriverLaunches#JOB_LABEL}), found in the master's state.
 */
final class JobLogs {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Where a log lives: an agent, a path in its file browser, and whether the task has ended. */
    private record Sandbox(URI agent, String directory, boolean ended) {}

    /** A task of the master's state, with the framework it belongs to. */
    private record FrameworkTask(String framework, MasterState.Task task) {}

    private final Supplier<String> masterState;
    private final Supplier<Optional<String>> frameworkId;
    private final HttpClient http;

    /**
     * @param masterState the master's {@code /master/state} JSON, read afresh each call
     * @param frameworkId the service framework's id, which the drivers' tasks belong to
     */
    JobLogs(Supplier<String> masterState, Supplier<Optional<String>> frameworkId, HttpClient http) {
        this.masterState = masterState;
        this.frameworkId = frameworkId;
        this.http = http;
    }

    List<LogName> names(Job job) {
        List<LogName> names = new ArrayList<>();
        for (int attempt = 1; attempt <= job.attempts(); attempt++) {
            for (LogName.Stream stream : LogName.Stream.values()) {
                names.add(LogName.driver(attempt, stream));
            }
        }
        if (job.attempts() > 0) {
            Map<Integer, List<FrameworkTask>> workers = workers(state(), job.id());
            workers.forEach((attempt, tasks) -> {
                for (int i = 0; i < tasks.size(); i++) {
                    for (LogName.Stream stream : LogName.Stream.values()) {
                        names.add(LogName.worker(i, attempt, stream));
                    }
                }
            });
        }
        return names;
    }

    /**
     * Where the job's processes run and ran, as links into their agents' file browsers, attempt by
     * attempt (those the master still remembers), and its Spark UI while its driver's framework is
     * up and says where. Read from one master state.
     */
    JobPlaces places(Job job) {
        if (job.attempts() == 0) {
            return JobPlaces.NONE;
        }
        MasterState state = state();
        List<JobPlaces.Sandbox> sandboxes = new ArrayList<>();
        Map<Integer, List<FrameworkTask>> workers = workers(state, job.id());
        for (int attempt = 1; attempt <= job.attempts(); attempt++) {
            driverSandbox(state, job, attempt).ifPresent(link(sandboxes, "driver", attempt));
            List<FrameworkTask> tasks = workers.getOrDefault(attempt, List.of());
            for (int i = 0; i < tasks.size(); i++) {
                sandbox(state, tasks.get(i)).ifPresent(link(sandboxes, "worker-" + i, attempt));
            }
        }
        // The latest attempt's executors name the Spark application's framework, whose web UI URL is Spark's UI.
        String sparkUi = workers.getOrDefault(job.attempts(), List.of()).stream().map(FrameworkTask::framework)
                .findFirst().flatMap(id -> state.frameworks().stream().filter(f -> f.id().equals(id)).findFirst())
                .map(MasterState.Framework::webUiUrl).filter(url -> url.startsWith("http")).orElse(null);
        return new JobPlaces(List.copyOf(sandboxes), sparkUi);
    }

    private static java.util.function.Consumer<Sandbox> link(List<JobPlaces.Sandbox> links, String process,
            int attempt) {
        return sandbox -> links.add(new JobPlaces.Sandbox(process, attempt, sandbox.agent().resolve("/files/browse?path="
                + URLEncoder.encode(sandbox.directory(), StandardCharsets.UTF_8)).toString(), sandbox.ended()));
    }

    LogChunk read(Job job, LogName name, long offset, int maxBytes) {
        if (name.attempt() > job.attempts()) {
            throw new IllegalArgumentException("job " + job.id() + " has had " + job.attempts() + " attempt(s), not "
                    + name.attempt());
        }
        MasterState state = state();
        Optional<Sandbox> sandbox = name.isDriver() ? driverSandbox(state, job, name.attempt())
                : workerSandbox(state, job, name);
        if (sandbox.isEmpty()) {
            // Not launched yet, or its agent and sandbox are gone: nothing to read, perhaps later.
            return new LogChunk(name, offset, new byte[0], job.state().isFinal());
        }
        boolean ended = sandbox.get().ended() || job.state().isFinal() || name.attempt() < job.attempts();
        String path = sandbox.get().directory() + "/" + name.stream().file();
        byte[] data = readFile(sandbox.get().agent(), path, offset, maxBytes);
        return new LogChunk(name, offset, data, ended);
    }

    private Optional<Sandbox> driverSandbox(MasterState state, Job job, int attempt) {
        Optional<String> framework = frameworkId.get();
        String taskId = job.driverPlacement().map(DriverPlacement::taskId)
                .map(latest -> latest.replaceAll("-[0-9]+$", "-" + attempt)).orElse(null);
        if (framework.isEmpty() || taskId == null) {
            return Optional.empty();
        }
        return tasks(state).stream().filter(t -> t.framework().equals(framework.get()) && t.task().id().equals(taskId))
                .findFirst().flatMap(t -> sandbox(state, t));
    }

    private Optional<Sandbox> workerSandbox(MasterState state, Job job, LogName name) {
        List<FrameworkTask> tasks = workers(state, job.id()).getOrDefault(name.attempt(), List.of());
        int index = Integer.parseInt(name.process().substring("worker-".length()));
        return index < tasks.size() ? sandbox(state, tasks.get(index)) : Optional.empty();
    }

    private static Map<Integer, List<FrameworkTask>> workers(MasterState state, long job) {
        Map<Integer, List<FrameworkTask>> byAttempt = new HashMap<>();
        for (FrameworkTask task : tasks(state)) {
            Map<String, String> labels = task.task().labels();
            if (Long.toString(job).equals(labels.get(DriverLaunches.JOB_LABEL))) {
                int attempt = parseAttempt(labels.get(DriverLaunches.ATTEMPT_LABEL));
                byAttempt.computeIfAbsent(attempt, a -> new ArrayList<>()).add(task);
            }
        }
        // Spark numbers its executors 0, 1, ... 10: shorter ids first keeps worker-2 before worker-10.
        Comparator<FrameworkTask> sparkOrder = Comparator.comparing((FrameworkTask t) -> t.task().id().length())
                .thenComparing(t -> t.task().id());
        byAttempt.values().forEach(list -> list.sort(sparkOrder));
        return byAttempt;
    }

    private static int parseAttempt(String text) {
        try {
            return text == null ? 1 : Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Optional<Sandbox> sandbox(MasterState state, FrameworkTask entry) {
        MasterState.Task task = entry.task();
        return state.agents().stream().filter(agent -> agent.id().equals(task.agentId())).findFirst()
                .flatMap(MasterState.Agent::url)
                .map(url -> new Sandbox(url, "/frameworks/" + entry.framework() + "/executors/" + task.executorId()
                        + "/runs/latest", task.ended()));
    }

    /** Every task the master knows, of frameworks running or ended, tasks running or ended. */
    private static List<FrameworkTask> tasks(MasterState state) {
        List<FrameworkTask> tasks = new ArrayList<>();
        for (List<MasterState.Framework> group : List.of(state.frameworks(), state.completedFrameworks())) {
            for (MasterState.Framework framework : group) {
                for (List<MasterState.Task> list : List.of(framework.tasks(), framework.completedTasks())) {
                    list.forEach(task -> tasks.add(new FrameworkTask(framework.id(), task)));
                }
            }
        }
        return tasks;
    }

    private MasterState state() {
        try {
            return MasterState.parse(masterState.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master's state is unreadable: " + e.getMessage(), e);
        }
    }

    private byte[] readFile(URI agent, String path, long offset, int maxBytes) {
        String query = "path=" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&offset=" + offset + "&length="
                + maxBytes;
        HttpRequest request = HttpRequest.newBuilder(agent.resolve("/files/read?" + query)).timeout(TIMEOUT).GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return new byte[0];
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("agent " + agent + " answered HTTP " + response.statusCode()
                        + " for " + path);
            }
            // Mesos answers {"data": "...", "offset": N}, at most 64 KiB of data (a caller reads on from
            // the next offset); a peer's answer is bounded by what was asked, escapes included.
            if (response.body().length > 6L * maxBytes + 1024) {
                throw new IllegalStateException("agent " + agent + " sent more than was asked for " + path);
            }
            return FilesReadAnswer.data(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from agent " + agent + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + path, e);
        }
    }
}
