package dev.gantry.training.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Exported models are for plain DL4J, where Gantry's classes are absent, so their configurations
 * name only DL4J's own updaters. Heavy-ball momentum becomes {@link Nesterovs} with the same rate
 * and momentum: the nearest built-in, keeping the velocity as its state, so fine-tuning goes on
 * from the trained velocity (with Nesterov's look-ahead from then on).
 */
final class PortableUpdaters {
    private PortableUpdaters() {}

    static IUpdater portable(IUpdater updater) {
        if (updater instanceof HeavyBallMomentum momentum) {
            return new Nesterovs(momentum.getLearningRate(0, 0), momentum.momentum());
        }
        return updater;
    }

    /** Carries updater state to a copy whose updaters keep the same state layout. */
    static void copyState(INDArray from, INDArray to) {
        if (from == null && to == null) {
            return;
        }
        if (from == null || to == null || from.length() != to.length()) {
            throw new IllegalStateException("updater state does not carry over: "
                    + (from == null ? 0 : from.length()) + " values into " + (to == null ? 0 : to.length()));
        }
        to.assign(from);
    }
}
