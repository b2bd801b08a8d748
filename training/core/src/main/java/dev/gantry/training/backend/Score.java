package dev.gantry.training.backend;

import java.io.Serializable;

/** Loss and accuracy over some examples, additive so that workers' scores can be summed. */
public record Score(double lossSum, long correct, long count) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Score NONE = new Score(0, 0, 0);

    public Score plus(Score other) {
        return new Score(lossSum + other.lossSum, correct + other.correct, count + other.count);
    }

    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }
}
