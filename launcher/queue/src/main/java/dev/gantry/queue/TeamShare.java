package dev.gantry.queue;

import java.util.Objects;

/**
 * A team's claim on the cluster's GPUs: a weight (its share is its weight over the weights of the
 * teams that want GPUs) and an optional cap, a hard limit on the GPUs its running jobs hold.
 *
 * @param gpuCap {@link #NO_CAP} when the team has none
 */
public record TeamShare(String team, double weight, int gpuCap) {
    public static final int NO_CAP = Integer.MAX_VALUE;

    public TeamShare {
        Objects.requireNonNull(team, "team");
        if (team.isBlank()) {
            throw new IllegalArgumentException("a team needs a name");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("team " + team + ": the weight must be positive, not " + weight);
        }
        if (gpuCap < 0) {
            throw new IllegalArgumentException("team " + team + ": a GPU cap cannot be negative");
        }
    }

    /** A team with {@code weight} and no cap. */
    public static TeamShare of(String team, double weight) {
        return new TeamShare(team, weight, NO_CAP);
    }

    public TeamShare withCap(int gpus) {
        return new TeamShare(team, weight, gpus);
    }

    public boolean capped() {
        return gpuCap != NO_CAP;
    }
}
