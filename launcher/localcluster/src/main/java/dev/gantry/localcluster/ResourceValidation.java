package dev.gantry.localcluster;

import dev.gantry.protocol.ResourceNames;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** Mesos' checks on resources a framework sends, with Mesos' messages where frameworks match on them. */
final class ResourceValidation {
    static final String FRACTIONAL_GPUS = "The 'gpus' resource must be an unsigned integer";

    private ResourceValidation() {}

    /** The first problem with these resources, if any. */
    static Optional<String> validate(List<Resource> resources) {
        long gpuMillis = 0;
        for (Resource resource : resources) {
            Optional<String> error = validate(resource);
            if (error.isPresent()) {
                return error;
            }
            if (resource.getName().equals(ResourceNames.GPUS)) {
                gpuMillis += ResourceVector.toMillis(resource.getScalar().getValue());
            }
        }
        // Mesos keeps three decimals of a scalar and rejects any fraction of a GPU.
        if (gpuMillis % 1000 != 0) {
            return Optional.of(FRACTIONAL_GPUS);
        }
        return Optional.empty();
    }

    private static Optional<String> validate(Resource resource) {
        String name = resource.getName();
        if (name.isEmpty()) {
            return Optional.of("Empty resource name");
        }
        if (!resource.hasType()) {
            return Optional.of("Resource '" + name + "' has no type");
        }
        Value.Type expected = expectedType(name);
        if (expected != null && resource.getType() != expected) {
            return Optional.of("Resource '" + name + "' must be of type " + expected + ", not " + resource.getType());
        }
        switch (resource.getType()) {
            case SCALAR: {
                if (!resource.hasScalar()) {
                    return Optional.of("Invalid scalar resource '" + name + "': no scalar value");
                }
                double value = resource.getScalar().getValue();
                if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
                    return Optional.of("Invalid scalar resource '" + name + "': " + value);
                }
                return Optional.empty();
            }
            case RANGES:
                if (!resource.hasRanges()) {
                    return Optional.of("Invalid ranges resource '" + name + "': no ranges");
                }
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    if (range.getBegin() > range.getEnd()) {
                        return Optional.of("Invalid ranges resource '" + name + "': range [" + range.getBegin()
                                + "-" + range.getEnd() + "] begins after it ends");
                    }
                }
                return Optional.empty();
            default:
                return Optional.of("Resource '" + name + "' of type " + resource.getType()
                        + " is not supported by the embedded cluster (SCALAR and RANGES are)");
        }
    }

    private static Value.Type expectedType(String name) {
        switch (name) {
            case ResourceNames.CPUS:
            case ResourceNames.MEM:
            case ResourceNames.DISK:
            case ResourceNames.GPUS:
                return Value.Type.SCALAR;
            case ResourceNames.PORTS:
                return Value.Type.RANGES;
            default:
                return null;
        }
    }
}
