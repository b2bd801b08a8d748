package dev.gantry.training.spark;

import java.io.Serializable;

/** One worker's parameters after a round of local steps, and the sum of its step losses. */
record RoundResult(int rank, float[] parameters, double lossSum) implements Serializable {
    private static final long serialVersionUID = 1L;
}
