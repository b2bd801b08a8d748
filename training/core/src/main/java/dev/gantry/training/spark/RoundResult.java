package dev.gantry.training.spark;

import java.io.Serializable;

/** One worker's parameters after a round of local steps, and the loss of each of its steps. */
record RoundResult(int rank, float[] parameters, double[] losses) implements Serializable {
    private static final long serialVersionUID = 2L;

    double lossSum() {
        double sum = 0;
        for (double loss : losses) {
            sum += loss;
        }
        return sum;
    }
}
