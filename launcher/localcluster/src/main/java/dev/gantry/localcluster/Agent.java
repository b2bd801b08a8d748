package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;

/** One embedded agent as the master sees it: what it has, what is used or offered, which GPUs are free. */
final class Agent {
    final AgentID id;
    final String hostname;
    final AgentSpec spec;
    /** Everything the agent has; dynamic reservations change how it is reserved, never how much. */
    ResourceVector total;
    final List<Attribute> attributes;
    final List<GpuDevice> gpus;
    final Path sandboxRoot;
    /** Where the agent answers; every offer carries it as {@code Offer.url}. */
    final URL url;
    ResourceVector allocated = ResourceVector.EMPTY;
    ResourceVector offered = ResourceVector.EMPTY;
    // Free GPUs by index; a TreeMap so that the lowest free index goes first, as in Mesos' isolator.
    private final TreeMap<Integer, GpuDevice> freeGpus = new TreeMap<>();

    Agent(AgentID id, String hostname, AgentSpec spec, List<GpuDevice> gpus, Path sandboxRoot, URL url) {
        this.id = id;
        this.url = url;
        this.hostname = hostname;
        this.spec = spec;
        this.total = spec.resources();
        this.gpus = List.copyOf(gpus);
        this.sandboxRoot = sandboxRoot;
        this.attributes = attributes(spec.attributes());
        for (GpuDevice gpu : gpus) {
            freeGpus.put(gpu.index(), gpu);
        }
    }

    ResourceVector available() {
        return total.minus(allocated).minus(offered);
    }

    /** How Mesos names an agent at the end of an operation's error, e.g. "agent ID at 127.0.0.1:5051 (host)". */
    String describe() {
        return "agent " + id.getValue() + " at " + url.getAddress().getIp() + ":" + url.getAddress().getPort()
                + " (" + hostname + ")";
    }

    boolean hasGpus() {
        return total.scalar(ResourceNames.GPUS) > 0;
    }

    /** Takes {@code count} free GPUs, lowest index first. */
    List<GpuDevice> takeGpus(int count) {
        if (count > freeGpus.size()) {
            throw new IllegalStateException("agent " + id.getValue() + " has " + freeGpus.size()
                    + " free GPUs, not " + count);
        }
        List<GpuDevice> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(freeGpus.pollFirstEntry().getValue());
        }
        return taken;
    }

    void returnGpus(List<GpuDevice> devices) {
        for (GpuDevice gpu : devices) {
            freeGpus.put(gpu.index(), gpu);
        }
    }

    int freeGpuCount() {
        return freeGpus.size();
    }

    String attribute(String name) {
        return spec.attributes().get(name);
    }

    /** Mesos' typing of attribute values: numbers are scalars, everything else text. */
    private static List<Attribute> attributes(Map<String, String> values) {
        List<Attribute> out = new ArrayList<>();
        values.forEach((name, value) -> {
            Attribute.Builder a = Attribute.newBuilder().setName(name);
            try {
                double number = Double.parseDouble(value);
                a.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(number));
            } catch (NumberFormatException notANumber) {
                a.setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value));
            }
            out.add(a.build());
        });
        return out;
    }
}
