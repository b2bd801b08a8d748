package dev.gantry.cli;

import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.protocol.TaskStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import dev.gantry.mesos.AgentFiles;
import java.net.URI;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;

/**
 * The scheduler behind {@code gantry cluster check}: on every agent offered, one task per whole
 * GPU (one CPU task on an agent without GPUs), each printing the devices it may use, then waits
 * for them all to end. Agents offered after the collection window are declined.
 */
final class GpuCheck implements SchedulerListener {
    /** What prints a task's view of the GPUs: CUDA_VISIBLE_DEVICES, and nvidia-smi where installed. */
    static final String COMMAND = "echo \"CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES-unset}\";"
            + " if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi -L; fi";
    private static final double TASK_CPUS = 0.1;
    private static final double TASK_MEM = 32;

    /** One launched task and how it ended; {@code agentUrl} is null where the offer named no agent address. */
    record Outcome(String taskId, String agentId, URI agentUrl, int gpus, TaskState state, String message) {}

    private final Duration window;
    private SchedulerClient client;
    private final Map<String, Outcome> outcomes = new LinkedHashMap<>();
    private final List<String> agentsChecked = new ArrayList<>();
    private long firstOfferNanos;
    private int launched;
    private volatile String failure;

    GpuCheck(Duration window) {
        this.window = window;
    }

    void attach(SchedulerClient client) {
        this.client = client;
    }

    /**
     * Waits until the collection window has passed and every launched task has ended, or the
     * client failed; false on timeout.
     */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure != null || finished()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private synchronized boolean finished() {
        return firstOfferNanos != 0 && System.nanoTime() - firstOfferNanos >= window.toNanos()
                && outcomes.values().stream().allMatch(o -> TaskStates.isTerminal(o.state()));
    }

    synchronized List<Outcome> outcomes() {
        return new ArrayList<>(outcomes.values());
    }

    String failure() {
        return failure;
    }

    @Override
    public synchronized void offers(List<Offer> offers) {
        long now = System.nanoTime();
        if (firstOfferNanos == 0) {
            firstOfferNanos = now;
        }
        boolean collecting = now - firstOfferNanos < window.toNanos();
        for (Offer offer : offers) {
            String agent = offer.getAgentId().getValue();
            if (!collecting || agentsChecked.contains(agent)) {
                client.decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(3600).build());
                continue;
            }
            agentsChecked.add(agent);
            List<TaskInfo> tasks = tasksFor(offer);
            launched += tasks.size();
            for (TaskInfo task : tasks) {
                int gpus = (int) task.getResourcesList().stream().filter(r -> r.getName().equals("gpus"))
                        .mapToDouble(r -> r.getScalar().getValue()).sum();
                outcomes.put(task.getTaskId().getValue(), new Outcome(task.getTaskId().getValue(), agent,
                        AgentFiles.agentUrl(offer).orElse(null), gpus, TaskState.TASK_STAGING, ""));
            }
            client.launch(offer.getId(), tasks, Filters.newBuilder().setRefuseSeconds(3600).build())
                    .exceptionally(e -> {
                        fail("the master refused the launch: " + e.getMessage());
                        return null;
                    });
        }
    }

    private List<TaskInfo> tasksFor(Offer offer) {
        String role = offer.getAllocationInfo().getRole();
        double gpus = 0;
        double cpus = 0;
        double mem = 0;
        for (Resource r : offer.getResourcesList()) {
            switch (r.getName()) {
                case "gpus":
                    gpus += r.getScalar().getValue();
                    break;
                case "cpus":
                    cpus += r.getScalar().getValue();
                    break;
                case "mem":
                    mem += r.getScalar().getValue();
                    break;
                default:
                    break;
            }
        }
        int fit = (int) Math.min(Math.floor(cpus / TASK_CPUS), Math.floor(mem / TASK_MEM));
        int count = (int) Math.min(Math.max(1, Math.floor(gpus)), fit);
        int gpusEach = gpus >= 1 ? 1 : 0;
        List<TaskInfo> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaskInfo.Builder task = TaskInfo.newBuilder()
                    .setName("gantry-check")
                    .setTaskId(TaskID.newBuilder().setValue("check-" + offer.getAgentId().getValue() + "-" + i))
                    .setAgentId(offer.getAgentId())
                    .setCommand(CommandInfo.newBuilder().setShell(true).setValue(COMMAND))
                    .addResources(scalar("cpus", TASK_CPUS, role))
                    .addResources(scalar("mem", TASK_MEM, role));
            if (gpusEach > 0) {
                task.addResources(scalar("gpus", gpusEach, role));
            }
            tasks.add(task.build());
        }
        return tasks;
    }

    private static Resource scalar(String name, double value, String role) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
    }

    @Override
    public synchronized void update(TaskStatus status) {
        client.acknowledge(status);
        Outcome before = outcomes.get(status.getTaskId().getValue());
        if (before == null) {
            return;
        }
        outcomes.put(before.taskId(), new Outcome(before.taskId(), before.agentId(), before.agentUrl(), before.gpus(),
                status.getState(), status.getMessage()));
    }

    @Override
    public void stopped(String reason) {
        fail(reason);
    }

    @Override
    public void error(String message) {
        fail("the master sent ERROR: " + message);
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    synchronized int launched() {
        return launched;
    }
}
