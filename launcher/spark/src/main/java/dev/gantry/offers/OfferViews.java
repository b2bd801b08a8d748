package dev.gantry.offers;

import dev.gantry.placement.Amounts;
import dev.gantry.placement.OfferView;
import dev.gantry.placement.OfferedResources;
import dev.gantry.protocol.Reservations;
import dev.gantry.protocol.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/** Mesos offers as placement sees them: cpus, memory and GPUs per reservation, attributes as text. */
public final class OfferViews {
    private OfferViews() {}

    public static OfferView of(Offer offer) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        for (Resource resource : offer.getResourcesList()) {
            int kind = kind(resource.getName());
            if (kind < 0 || !resource.hasScalar()) {
                continue;
            }
            String key = Reservations.roleOf(resource) + (resource.hasRevocable() ? "\u0000revocable" : "");
            parts.computeIfAbsent(key, k -> new double[3])[kind] += resource.getScalar().getValue();
        }
        List<OfferedResources> resources = new ArrayList<>();
        parts.forEach((key, amounts) -> {
            boolean revocable = key.endsWith("\u0000revocable");
            String role = revocable ? key.substring(0, key.indexOf('\u0000')) : key;
            // Mesos rounds scalars to three decimals; a GPU count is whole once rounded.
            resources.add(new OfferedResources(role, revocable,
                    new Amounts(amounts[0], amounts[1], (int) Math.floor(amounts[2] + 1e-6))));
        });
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Attribute attribute : offer.getAttributesList()) {
            attributes.put(attribute.getName(), text(attribute));
        }
        String role = offer.hasAllocationInfo() ? offer.getAllocationInfo().getRole() : OfferedResources.UNRESERVED;
        return new OfferView(offer.getId().getValue(), offer.getAgentId().getValue(), offer.getHostname(), role,
                resources, attributes);
    }

    private static int kind(String name) {
        switch (name) {
            case ResourceNames.CPUS:
                return 0;
            case ResourceNames.MEM:
                return 1;
            case ResourceNames.GPUS:
                return 2;
            default:
                return -1;
        }
    }

    private static String text(Attribute attribute) {
        switch (attribute.getType()) {
            case SCALAR: {
                double value = attribute.getScalar().getValue();
                return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
            }
            case TEXT:
                return attribute.getText().getValue();
            case SET:
                return String.join(",", attribute.getSet().getItemList());
            case RANGES:
                return attribute.getRanges().toString();
            default:
                return "";
        }
    }
}
