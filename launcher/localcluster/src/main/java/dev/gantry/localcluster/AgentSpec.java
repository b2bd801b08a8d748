package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one embedded agent is declared: its resources, attributes and static per-role
 * reservations, as a Mesos agent's {@code --resources} and {@code --attributes} flags declare them.
 */
public final class AgentSpec {
    /** Resources set aside for one role, carved out of the agent's totals. */
    public record Reservation(double cpus, double memMb, int gpus) {
        public Reservation {
            if (cpus < 0 || memMb < 0 || gpus < 0) {
                throw new IllegalArgumentException("a reservation cannot be negative");
            }
        }
    }

    public static final String DEFAULT_GPU_MODEL = "simulated";

    private final double cpus;
    private final double memMb;
    private final double diskMb;
    private final int gpus;
    private final String gpuModel;
    private final long portsBegin;
    private final long portsEnd;
    private final Map<String, String> attributes;
    private final Map<String, Reservation> reservations;

    private AgentSpec(Builder b) {
        this.cpus = b.cpus;
        this.memMb = b.memMb;
        this.diskMb = b.diskMb;
        this.gpus = b.gpus;
        this.gpuModel = b.gpuModel;
        this.portsBegin = b.portsBegin;
        this.portsEnd = b.portsEnd;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.reservations = Collections.unmodifiableMap(new LinkedHashMap<>(b.reservations));
        validate();
    }

    private void validate() {
        if (cpus <= 0) {
            throw new IllegalArgumentException("agent cpus must be positive: " + cpus);
        }
        if (memMb <= 0) {
            throw new IllegalArgumentException("agent mem must be positive: " + memMb);
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("agent gpus cannot be negative: " + gpus);
        }
        double reservedCpus = 0;
        double reservedMem = 0;
        int reservedGpus = 0;
        for (Map.Entry<String, Reservation> e : reservations.entrySet()) {
            RoleNames.validate(e.getKey()).ifPresent(error -> {
                throw new IllegalArgumentException("reservation role: " + error);
            });
            if (e.getKey().equals(ResourceVector.UNRESERVED)) {
                throw new IllegalArgumentException("cannot reserve for role '*'");
            }
            reservedCpus += e.getValue().cpus();
            reservedMem += e.getValue().memMb();
            reservedGpus += e.getValue().gpus();
        }
        if (reservedCpus > cpus || reservedMem > memMb || reservedGpus > gpus) {
            throw new IllegalArgumentException("reservations exceed the agent's resources (cpus " + reservedCpus
                    + "/" + cpus + ", mem " + reservedMem + "/" + memMb + ", gpus " + reservedGpus + "/" + gpus + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this agent's declaration. */
    public Builder toBuilder() {
        Builder b = new Builder().cpus(cpus).memMb(memMb).diskMb(diskMb).gpus(gpus).gpuModel(gpuModel)
                .ports(portsBegin, portsEnd).attributes(attributes);
        reservations.forEach(b::reserve);
        return b;
    }

    public double cpus() {
        return cpus;
    }

    public double memMb() {
        return memMb;
    }

    public int gpus() {
        return gpus;
    }

    public String gpuModel() {
        return gpuModel;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public Map<String, Reservation> reservations() {
        return reservations;
    }

    /** The agent's total resources: reservations carved out of the unreserved pool. */
    ResourceVector resources() {
        ResourceVector.Builder total = new ResourceVector.Builder();
        double freeCpus = cpus;
        double freeMem = memMb;
        int freeGpus = gpus;
        for (Map.Entry<String, Reservation> e : reservations.entrySet()) {
            Reservation r = e.getValue();
            add(total, ResourceNames.CPUS, e.getKey(), r.cpus());
            add(total, ResourceNames.MEM, e.getKey(), r.memMb());
            add(total, ResourceNames.GPUS, e.getKey(), r.gpus());
            freeCpus -= r.cpus();
            freeMem -= r.memMb();
            freeGpus -= r.gpus();
        }
        add(total, ResourceNames.CPUS, ResourceVector.UNRESERVED, freeCpus);
        add(total, ResourceNames.MEM, ResourceVector.UNRESERVED, freeMem);
        add(total, ResourceNames.DISK, ResourceVector.UNRESERVED, diskMb);
        add(total, ResourceNames.GPUS, ResourceVector.UNRESERVED, freeGpus);
        total.add(new ResourceVector.Key(ResourceNames.PORTS, ResourceVector.UNRESERVED),
                RangeSet.of(portsBegin, portsEnd));
        return total.build();
    }

    private static void add(ResourceVector.Builder total, String name, String role, double amount) {
        total.add(new ResourceVector.Key(name, role), ResourceVector.toMillis(amount));
    }

    public static final class Builder {
        private double cpus = 4;
        private double memMb = 8192;
        private double diskMb = 10240;
        private int gpus;
        private String gpuModel = DEFAULT_GPU_MODEL;
        private long portsBegin = 31000;
        private long portsEnd = 32000;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final Map<String, Reservation> reservations = new LinkedHashMap<>();

        public Builder cpus(double cpus) {
            this.cpus = cpus;
            return this;
        }

        public Builder memMb(double memMb) {
            this.memMb = memMb;
            return this;
        }

        public Builder diskMb(double diskMb) {
            this.diskMb = diskMb;
            return this;
        }

        public Builder gpus(int gpus) {
            this.gpus = gpus;
            return this;
        }

        public Builder gpuModel(String gpuModel) {
            this.gpuModel = gpuModel;
            return this;
        }

        public Builder ports(long begin, long end) {
            this.portsBegin = begin;
            this.portsEnd = end;
            return this;
        }

        public Builder attribute(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attributes(Map<String, String> values) {
            attributes.putAll(values);
            return this;
        }

        public Builder reserve(String role, Reservation reservation) {
            reservations.put(role, reservation);
            return this;
        }

        public AgentSpec build() {
            return new AgentSpec(this);
        }
    }
}
