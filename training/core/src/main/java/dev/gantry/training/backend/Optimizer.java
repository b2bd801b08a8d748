package dev.gantry.training.backend;

/** The update rule every worker applies to the all-reduced gradient. */
public enum Optimizer {
    /** Plain SGD: {@code w -= lr * g}. */
    SGD,
    /**
     * SGD with momentum 0.9, heavy ball as TensorFlow's {@code Momentum}: {@code v = 0.9 v - lr g; w += v}.
     * DL4J has no such updater (its {@code Nesterovs} adds Nesterov's look-ahead), so its backend brings one.
     */
    MOMENTUM,
    /** Adam with beta1 0.9, beta2 0.999, epsilon 1e-7 (TensorFlow's defaults). */
    ADAM
}
