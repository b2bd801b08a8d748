package dev.gantry.service.jobs;

import java.util.List;

/**
 * The cluster as a team's page shows it: each agent with its totals, what is used, and who holds
 * each of its GPUs; each role with what it uses, has reserved and is offered; and the sums.
 *
 * <p>A GPU slot's index is the device where the master says which device a task holds (the
 * embedded cluster does); real Mesos says only how many GPUs a task holds, so there the slots
 * are handed out in order, task by task, and an index is a slot, not necessarily the device.
 */
public record ClusterUsage(List<Agent> agents, List<Role> roles, Amounts total, Amounts used, Amounts free) {
    public record Amounts(double cpus, double memMb, double gpus) {
        public static final Amounts ZERO = new Amounts(0, 0, 0);

        public Amounts plus(Amounts other) {
            return new Amounts(cpus + other.cpus, memMb + other.memMb, gpus + other.gpus);
        }

        public Amounts minus(Amounts other) {
            return new Amounts(Math.max(0, cpus - other.cpus), Math.max(0, memMb - other.memMb),
                    Math.max(0, gpus - other.gpus));
        }
    }

    /**
     * Who holds a GPU: a job of the service (its id, team and name), or a task of another framework
     * (only the framework's name).
     */
    public record Holder(Long jobId, String team, String name, String framework) {
        public static Holder job(long id, String team, String name) {
            return new Holder(id, team, name, null);
        }

        public static Holder framework(String name) {
            return new Holder(null, null, null, name);
        }
    }

    /** @param heldBy null while free */
    public record GpuSlot(int index, Holder heldBy) {}

    /** @param gpuModel null where the agent does not say */
    public record Agent(String id, String hostname, boolean active, String gpuModel, Amounts total, Amounts used,
                        List<GpuSlot> gpus) {
        public Agent {
            gpus = List.copyOf(gpus);
        }
    }

    /**
     * @param used              what its running tasks hold
     * @param reserved          what agents reserve for it
     * @param offersOutstanding offers made in its name that frameworks have not answered yet
     * @param offered           what those offers hold
     */
    public record Role(String role, Amounts used, Amounts reserved, int offersOutstanding, Amounts offered) {}

    public ClusterUsage {
        agents = List.copyOf(agents);
        roles = List.copyOf(roles);
    }
}
