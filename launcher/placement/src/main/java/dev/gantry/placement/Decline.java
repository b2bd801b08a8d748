package dev.gantry.placement;

/** An offer to decline, refused for {@code refuseSeconds}, and why. */
public record Decline(String offerId, double refuseSeconds, DeclineReason reason) {}
