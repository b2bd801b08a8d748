package dev.gantry.benchmarks.placement;

import java.util.List;

/**
 * A placer under comparison. Each round it gets one job and the cluster's outstanding offers,
 * and answers with the executors it would launch. It converts offers into its own input before
 * starting the clock and times only its own placement call, so conversions never count.
 * A placer may keep state between rounds, as a framework does between offer events.
 */
public interface SimulatedPlacer extends AutoCloseable {
    String name();

    RoundOutcome place(Job job, List<AgentOffer> offers);

    @Override
    default void close() {}
}
