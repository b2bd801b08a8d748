package dev.gantry.service.jobs;

import dev.gantry.mesos.MasterState;
import dev.gantry.service.drivers.DriverTaskId;
import dev.gantry.service.store.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Builds {@link ClusterUsage} from a master's state: which task holds which GPU slot (and which
 * job of the service that task belongs to: an executor by its job label, a driver by its task
 * id), and what each role uses, reserves and is offered.
 */
final class ClusterUsages {
    private ClusterUsages() {}

    /** A running task and the framework it belongs to. */
    private record Running(MasterState.Framework framework, MasterState.Task task) {}

    /**
     * @param serviceFramework the service's own framework id, whose tasks are the jobs' drivers
     * @param jobs             a job by its id
     */
    static ClusterUsage of(MasterState state, Optional<String> serviceFramework, LongFunction<Optional<Job>> jobs) {
        List<Running> running = new ArrayList<>();
        for (MasterState.Framework framework : state.frameworks()) {
            for (MasterState.Task task : framework.tasks()) {
                if (!task.ended()) {
                    running.add(new Running(framework, task));
                }
            }
        }
        running.sort(Comparator.comparing((Running r) -> r.task().agentId()).thenComparing(r -> r.task().id()));
        Map<Long, Optional<Job>> known = new HashMap<>();
        LongFunction<Optional<Job>> job = id -> known.computeIfAbsent(id, jobs::apply);

        List<ClusterUsage.Agent> agents = new ArrayList<>();
        ClusterUsage.Amounts total = ClusterUsage.Amounts.ZERO;
        ClusterUsage.Amounts used = ClusterUsage.Amounts.ZERO;
        Map<String, RoleSums> roles = new TreeMap<>();
        for (MasterState.Agent agent : state.agents()) {
            List<Running> on = running.stream().filter(r -> r.task().agentId().equals(agent.id())).toList();
            agents.add(new ClusterUsage.Agent(agent.id(), agent.hostname(), agent.active(), agent.gpuModel(),
                    amounts(agent.total()), amounts(agent.used()), slots(agent, on, serviceFramework, job)));
            total = total.plus(amounts(agent.total()));
            used = used.plus(amounts(agent.used()));
            agent.reserved().forEach((role, reserved) -> {
                RoleSums sums = roles.computeIfAbsent(role, r -> new RoleSums());
                sums.reserved = sums.reserved.plus(amounts(reserved));
            });
        }
        for (Running r : running) {
            RoleSums sums = roles.computeIfAbsent(role(r.task().role()), x -> new RoleSums());
            sums.used = sums.used.plus(amounts(r.task().resources()));
        }
        for (MasterState.Framework framework : state.frameworks()) {
            for (MasterState.Offer offer : framework.offers()) {
                RoleSums sums = roles.computeIfAbsent(role(offer.role()), x -> new RoleSums());
                sums.offers++;
                sums.offered = sums.offered.plus(amounts(offer.resources()));
            }
        }
        List<ClusterUsage.Role> byRole = new ArrayList<>();
        roles.forEach((role, sums) -> byRole.add(new ClusterUsage.Role(role, sums.used, sums.reserved, sums.offers,
                sums.offered)));
        return new ClusterUsage(agents, byRole, total, used, total.minus(used));
    }

    private static final class RoleSums {
        ClusterUsage.Amounts used = ClusterUsage.Amounts.ZERO;
        ClusterUsage.Amounts reserved = ClusterUsage.Amounts.ZERO;
        ClusterUsage.Amounts offered = ClusterUsage.Amounts.ZERO;
        int offers;
    }

    /**
     * The agent's GPU slots: first the devices tasks are known to hold, then, for tasks whose
     * devices the master does not name, the lowest free slots in task order.
     */
    private static List<ClusterUsage.GpuSlot> slots(MasterState.Agent agent, List<Running> tasks,
            Optional<String> serviceFramework, LongFunction<Optional<Job>> jobs) {
        int count = (int) Math.round(agent.total().gpus());
        ClusterUsage.Holder[] holders = new ClusterUsage.Holder[Math.max(0, count)];
        List<Running> unnamed = new ArrayList<>();
        for (Running r : tasks) {
            if (r.task().resources().gpus() < 1) {
                continue;
            }
            List<Integer> devices = r.task().gpuDevices();
            if (devices.isEmpty()) {
                unnamed.add(r);
                continue;
            }
            for (int device : devices) {
                if (device >= 0 && device < holders.length && holders[device] == null) {
                    holders[device] = holder(r, serviceFramework, jobs);
                }
            }
        }
        for (Running r : unnamed) {
            int wanted = (int) Math.round(r.task().resources().gpus());
            for (int i = 0; i < holders.length && wanted > 0; i++) {
                if (holders[i] == null) {
                    holders[i] = holder(r, serviceFramework, jobs);
                    wanted--;
                }
            }
        }
        List<ClusterUsage.GpuSlot> slots = new ArrayList<>();
        for (int i = 0; i < holders.length; i++) {
            slots.add(new ClusterUsage.GpuSlot(i, holders[i]));
        }
        return slots;
    }

    private static ClusterUsage.Holder holder(Running r, Optional<String> serviceFramework,
            LongFunction<Optional<Job>> jobs) {
        return jobId(r, serviceFramework).flatMap(jobs::apply)
                .map(job -> ClusterUsage.Holder.job(job.id(), job.team(), job.name()))
                .orElseGet(() -> ClusterUsage.Holder.framework(r.framework().name()));
    }

    /** An executor carries its job's label; a driver is a task of the service's framework named after its job. */
    private static Optional<Long> jobId(Running r, Optional<String> serviceFramework) {
        String label = r.task().labels().get(DriverLaunches.JOB_LABEL);
        if (label == null && serviceFramework.filter(id -> id.equals(r.framework().id())).isPresent()) {
            label = DriverTaskId.parse(r.task().id()).map(DriverTaskId::jobId).orElse(null);
        }
        if (label == null || !label.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(label));
    }

    private static String role(String role) {
        return role.isEmpty() ? "*" : role;
    }

    private static ClusterUsage.Amounts amounts(MasterState.Resources resources) {
        return new ClusterUsage.Amounts(resources.cpus(), resources.memMb(), resources.gpus());
    }
}
