package dev.gantry.training.dl4j;

import dev.gantry.training.backend.TrainSettings;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/** DL4J's updater for each of Gantry's optimizers, with the hyperparameters the SPI promises. */
final class Updaters {
    static final double MOMENTUM = 0.9;
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    // TensorFlow's default; DL4J's own default is 1e-8.
    static final double ADAM_EPSILON = 1e-7;

    private Updaters() {}

    static IUpdater of(TrainSettings settings) {
        double lr = settings.learningRate();
        return switch (settings.optimizer()) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new HeavyBallMomentum(lr, MOMENTUM);
            case ADAM -> new Adam(lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON);
        };
    }
}
