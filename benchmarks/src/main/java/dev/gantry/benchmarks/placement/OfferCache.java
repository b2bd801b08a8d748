package dev.gantry.benchmarks.placement;

import java.util.Arrays;
import java.util.function.Function;

/**
 * A placer's own form of each outstanding offer, rebuilt only when the agent's offer changes,
 * as a framework keeps the offers it has not used instead of rebuilding them every round.
 */
final class OfferCache<T> {
    private final Function<AgentOffer, T> convert;
    private AgentOffer[] from = new AgentOffer[0];
    private Object[] converted = new Object[0];

    OfferCache(Function<AgentOffer, T> convert) {
        this.convert = convert;
    }

    @SuppressWarnings("unchecked")
    T get(AgentOffer offer) {
        int i = offer.agentIndex();
        if (i >= from.length) {
            int size = Math.max(i + 1, from.length * 2);
            from = Arrays.copyOf(from, size);
            converted = Arrays.copyOf(converted, size);
        }
        if (from[i] != offer) {
            converted[i] = convert.apply(offer);
            from[i] = offer;
        }
        return (T) converted[i];
    }
}
