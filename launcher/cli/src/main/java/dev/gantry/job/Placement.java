package dev.gantry.job;

import java.util.Locale;

/** How executors are placed among the agents they fit on (see {@code dev.gantry.placement.PlacementPolicy}). */
public enum Placement {
    /** Fill partly used agents first, keeping whole GPU agents free for large executors. */
    BINPACK,
    /** One executor per agent per pass, for locality and fault tolerance. */
    SPREAD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
