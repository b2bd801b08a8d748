package dev.gantry.benchmarks.placement;

import com.netflix.fenzo.VirtualMachineLease;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.Protos;

/**
 * An agent's offer as a Fenzo lease: cores and memory as Fenzo's own resources, GPUs as the
 * generic scalar {@code gpus} (Fenzo knows no GPUs), attributes as Mesos attributes (numbers as
 * scalars, the rest as text). No Mesos offer object is attached: the simulator launches
 * nothing, and Fenzo only needs one to reject leases, which never expire here.
 */
final class FenzoLease implements VirtualMachineLease {
    static final String GPUS = "gpus";

    private final String id;
    private final String hostname;
    private final String agentId;
    private final double cpus;
    private final double memMb;
    private final Map<String, Double> scalars;
    private final Map<String, Protos.Attribute> attributes;
    private final long offeredTime;

    FenzoLease(String id, AgentOffer offer, Map<String, Protos.Attribute> attributes) {
        this.id = id;
        this.hostname = offer.agent().hostname();
        this.agentId = offer.agent().id();
        this.cpus = offer.free().cpus();
        this.memMb = offer.free().memMb();
        this.scalars = Collections.singletonMap(GPUS, (double) offer.free().gpus());
        this.attributes = attributes;
        this.offeredTime = System.currentTimeMillis();
    }

    /**
     * The agent's attributes as Mesos sends them, built once per agent since they never change.
     * A HashMap, not Map.copyOf: Fenzo looks up a null attribute name when no grouping
     * attribute is set, which immutable maps refuse.
     */
    static Map<String, Protos.Attribute> attributesOf(Agent agent) {
        Map<String, Protos.Attribute> map = new HashMap<>();
        agent.attributes().forEach((name, value) -> map.put(name, attribute(name, value)));
        return Collections.unmodifiableMap(map);
    }

    private static Protos.Attribute attribute(String name, String value) {
        Protos.Attribute.Builder attribute = Protos.Attribute.newBuilder().setName(name);
        try {
            double number = Double.parseDouble(value);
            return attribute.setType(Protos.Value.Type.SCALAR)
                    .setScalar(Protos.Value.Scalar.newBuilder().setValue(number)).build();
        } catch (NumberFormatException text) {
            return attribute.setType(Protos.Value.Type.TEXT)
                    .setText(Protos.Value.Text.newBuilder().setValue(value)).build();
        }
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getOfferedTime() {
        return offeredTime;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public String getVMID() {
        return agentId;
    }

    @Override
    public double cpuCores() {
        return cpus;
    }

    @Override
    public double memoryMB() {
        return memMb;
    }

    @Override
    public double networkMbps() {
        return 0;
    }

    @Override
    public double diskMB() {
        return 0;
    }

    @Override
    public List<Range> portRanges() {
        return List.of();
    }

    @Override
    public Protos.Offer getOffer() {
        return null;
    }

    @Override
    public Map<String, Protos.Attribute> getAttributeMap() {
        return attributes;
    }

    @Override
    public Double getScalarValue(String name) {
        return scalars.get(name);
    }

    @Override
    public Map<String, Double> getScalarValues() {
        return scalars;
    }
}
