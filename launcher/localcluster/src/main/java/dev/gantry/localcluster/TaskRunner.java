package dev.gantry.localcluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task as a real OS process, as a Mesos agent's command executor would: a sandbox with
 * {@code stdout} and {@code stderr}, fetched URIs, the task's environment plus the GPUs it was
 * given, and a kill that sends SIGTERM to the process tree, then SIGKILL after a grace period.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    /** Where the runner reports state changes; called from the runner's own threads. */
    interface StatusSink {
        void report(TaskState state, String message, Reason reason);
    }

    /** What to run. */
    record Launch(String taskId, CommandInfo command, ContainerInfo container, Path sandbox,
                  Map<String, String> mesosEnvironment, List<GpuDevice> gpus) {}

    private final Launch launch;
    private final StatusSink sink;
    private final UriFetcher fetcher;
    private final ScheduledExecutorService timers;
    private Process process;
    private boolean killRequested;
    private boolean finished;

    TaskRunner(Launch launch, StatusSink sink, UriFetcher fetcher, ScheduledExecutorService timers) {
        this.launch = launch;
        this.sink = sink;
        this.fetcher = fetcher;
        this.timers = timers;
    }

    /**
     * Points {@code runs/latest} at the new run directory, as a Mesos agent does: the agent's file
     * endpoint reads {@code /frameworks/F/executors/E/runs/latest/...} through it. Replaced
     * atomically, so a reader sees the previous run or this one, never none.
     */
    static void linkLatest(Path runDir) {
        Path runs = runDir.getParent();
        Path temporary = runs.resolve(".latest-" + runDir.getFileName());
        try {
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, runDir.getFileName());
            Files.move(temporary, runs.resolve("latest"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            // Without symbolic links the task runs all the same; only its latest run is not browsable.
            LOG.debug("cannot link {} as the latest run: {}", runDir, e.toString());
        }
    }

    void start(ExecutorService workers) {
        workers.execute(this::run);
    }

    private void run() {
        try {
            Files.createDirectories(launch.sandbox());
            linkLatest(launch.sandbox());
        } catch (IOException e) {
            end(TaskState.TASK_FAILED, "Failed to create sandbox: " + e.getMessage(),
                    Reason.REASON_CONTAINER_LAUNCH_FAILED);
            return;
        }
        String unsupported = unsupportedContainer(launch.container());
        if (unsupported != null) {
            end(TaskState.TASK_FAILED, unsupported, Reason.REASON_CONTAINER_LAUNCH_FAILED);
            return;
        }
        try {
            fetcher.fetch(launch.command().getUrisList(), launch.sandbox());
        } catch (IOException e) {
            end(TaskState.TASK_FAILED, "Failed to fetch all URIs for container: " + e.getMessage(),
                    Reason.REASON_CONTAINER_LAUNCH_FAILED);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(TaskState.TASK_FAILED, "Interrupted while fetching URIs", Reason.REASON_CONTAINER_LAUNCH_FAILED);
            return;
        }
        sink.report(TaskState.TASK_STARTING, null, null);
        Process started;
        synchronized (this) {
            if (killRequested) {
                endLocked(TaskState.TASK_KILLED, "Task killed before it started", null);
                return;
            }
            try {
                process = processBuilder().start();
            } catch (IOException | IllegalArgumentException e) {
                endLocked(TaskState.TASK_FAILED, "Failed to launch container: " + e.getMessage(),
                        Reason.REASON_CONTAINER_LAUNCH_FAILED);
                return;
            }
            started = process;
        }
        sink.report(TaskState.TASK_RUNNING, null, null);
        int exit;
        try {
            exit = started.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            end(TaskState.TASK_FAILED, "Agent interrupted while the task ran", Reason.REASON_EXECUTOR_TERMINATED);
            return;
        }
        synchronized (this) {
            if (killRequested) {
                endLocked(TaskState.TASK_KILLED, describeExit(exit), null);
            } else if (exit == 0) {
                endLocked(TaskState.TASK_FINISHED, "Command exited with status 0", null);
            } else {
                endLocked(TaskState.TASK_FAILED, describeExit(exit), Reason.REASON_COMMAND_EXECUTOR_FAILED);
            }
        }
    }

    /**
     * Asks the task to stop: SIGTERM to the process and its descendants now, SIGKILL after
     * {@code grace}. Returns false when the task had already ended.
     */
    synchronized boolean kill(Duration grace) {
        if (finished) {
            return false;
        }
        killRequested = true;
        if (process == null) {
            return true;
        }
        Process target = process;
        List<ProcessHandle> tree = tree(target);
        tree.forEach(ProcessHandle::destroy);
        timers.schedule(() -> {
            if (target.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive)) {
                tree(target).forEach(ProcessHandle::destroyForcibly);
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    synchronized boolean finished() {
        return finished;
    }

    /** Ends the process tree at once, without a grace period; for a cluster shutting down. */
    synchronized void destroyNow() {
        killRequested = true;
        if (process != null) {
            tree(process).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> tree(Process root) {
        List<ProcessHandle> all = new ArrayList<>();
        root.toHandle().descendants().forEach(all::add);
        all.add(root.toHandle());
        return all;
    }

    private ProcessBuilder processBuilder() {
        CommandInfo command = launch.command();
        List<String> argv = new ArrayList<>();
        if (!command.hasShell() || command.getShell()) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(command.getValue());
        } else {
            // Mesos passes `arguments` as the whole argv, argv[0] included.
            argv.add(command.getValue());
            for (int i = 1; i < command.getArgumentsCount(); i++) {
                argv.add(command.getArguments(i));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(argv).directory(launch.sandbox().toFile());
        File sandbox = launch.sandbox().toFile();
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(sandbox, "stdout")));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(new File(sandbox, "stderr")));
        Map<String, String> env = builder.environment();
        env.putAll(launch.mesosEnvironment());
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            if (variable.getType() == Environment.Variable.Type.SECRET) {
                throw new IllegalArgumentException("secret environment variable '" + variable.getName()
                        + "' is not supported by the embedded cluster");
            }
            env.put(variable.getName(), variable.getValue());
        }
        // Applied last, as the GPU isolator has the final say over which devices a task may use.
        env.remove("NVIDIA_VISIBLE_DEVICES");
        String devices = launch.gpus().stream().map(g -> String.valueOf(g.index())).collect(Collectors.joining(","));
        env.put("CUDA_VISIBLE_DEVICES", devices);
        if (!launch.gpus().isEmpty()) {
            env.put("NVIDIA_VISIBLE_DEVICES", devices);
            env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
        }
        return builder;
    }

    private static String unsupportedContainer(ContainerInfo container) {
        if (container == null || !container.hasType()) {
            return null;
        }
        if (container.getType() == ContainerInfo.Type.DOCKER) {
            return "Failed to launch container: the embedded cluster runs the Mesos containerizer only,"
                    + " and Mesos gives GPUs only to the Mesos containerizer; use a MESOS container";
        }
        if (container.hasMesos() && container.getMesos().hasImage()) {
            return "Failed to launch container: the embedded cluster has no image provider; run the task"
                    + " without an image (the agent runs it on the host)";
        }
        return null;
    }

    private void end(TaskState state, String message, Reason reason) {
        synchronized (this) {
            endLocked(state, message, reason);
        }
    }

    private void endLocked(TaskState state, String message, Reason reason) {
        if (finished) {
            return;
        }
        finished = true;
        LOG.debug("task {} ended {}: {}", launch.taskId(), state, message);
        sink.report(state, message, reason);
    }

    private static String describeExit(int exit) {
        if (exit > 128 && exit < 128 + 65) {
            return "Command terminated with signal " + signalName(exit - 128);
        }
        return "Command exited with status " + exit;
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 1:
                return "Hangup";
            case 2:
                return "Interrupt";
            case 6:
                return "Aborted";
            case 9:
                return "Killed";
            case 11:
                return "Segmentation fault";
            case 15:
                return "Terminated";
            default:
                return "signal " + signal;
        }
    }
}
