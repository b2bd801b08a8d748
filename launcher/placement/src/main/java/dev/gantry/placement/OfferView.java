package dev.gantry.placement;

import java.util.List;
import java.util.Map;

/**
 * An outstanding offer as placement sees it. {@code role} is the role the offer is allocated
 * to; attribute values are text, or numbers written as text (Mesos scalar attributes), such as
 * {@code gpu_model=H100} or {@code gpu_memory_mb=81920}.
 */
public record OfferView(String offerId, String agentId, String hostname, String role,
                        List<OfferedResources> resources, Map<String, String> attributes) {
    public OfferView {
        resources = List.copyOf(resources);
        attributes = Map.copyOf(attributes);
    }

    /** Everything offered, over all parts. */
    public Amounts total() {
        Amounts sum = Amounts.ZERO;
        for (OfferedResources r : resources) {
            sum = sum.plus(r.amounts());
        }
        return sum;
    }
}
