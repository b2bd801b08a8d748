package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * What Gantry adds to a model's graph to drive it from outside: the mean loss's gradient as one
 * flat vector (one session run yields loss and gradient), an update fed with a flat gradient,
 * and flat views of the parameters and of the optimizer's state. Added under the scope
 * {@code gantry} so a user's graph keeps its own names.
 */
final class TrainingOps {
    /** The network's mean loss built again on other reads of its variables (in {@link Network#variables()} order). */
    @FunctionalInterface
    interface LossOn {
        Operand<TFloat32> build(Ops tf, List<Operand<TFloat32>> reads);
    }

    private final Operand<TFloat32> flatGradient;
    private final Operand<TFloat32> fusedLoss;
    private final Operand<TFloat32> fusedFlatGradient;
    private final Placeholder<TFloat32> gradientFeed;
    private final UpdateRule update;
    private final FlatVariables parameters;
    private final FlatVariables optimizerState;

    /**
     * @param lossOn how to build the network's loss a second time, for the fused step; null where
     *     the network cannot be rebuilt (a user's graph), which then has no fused step
     */
    TrainingOps(Ops root, Network network, TrainSettings settings, LossOn lossOn) {
        Ops tf = root.withSubScope("gantry");
        List<Output<TFloat32>> variables = network.variables();
        List<Shape> shapes = variables.stream().map(Output::shape).toList();

        Gradients gradients = tf.gradients(network.loss(), variables);
        List<Operand<TFloat32>> perVariable = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            perVariable.add(gradients.<TFloat32>dy(i));
        }
        flatGradient = Flat.concat(tf.withSubScope("flat_gradient"), perVariable);

        Ops apply = tf.withSubScope("apply");
        gradientFeed = apply.withName("gradient").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(Flat.size(shapes))));
        update = UpdateRule.build(apply, settings, variables, Flat.split(apply, gradientFeed, shapes));
        parameters = new FlatVariables(tf.withSubScope("parameters"), variables);
        optimizerState = new FlatVariables(tf.withSubScope("optimizer_state"), update.state());

        // The fused step: the update fed through gradientFeed, then loss and gradient on the
        // updated variables, in one run. The forward pass is built again on Identity reads of the
        // variables that wait for the update; the first build's reads have no such dependency, and
        // TensorFlow gives no way to add one to ops that exist.
        if (lossOn == null) {
            fusedLoss = null;
            fusedFlatGradient = null;
        } else {
            Ops fused = tf.withSubScope("fused");
            Ops afterUpdate = fused.withSubScope("read").withControlDependencies(List.of(update.step()));
            List<Operand<TFloat32>> reads = new ArrayList<>(variables.size());
            for (Output<TFloat32> variable : variables) {
                reads.add(afterUpdate.identity(variable));
            }
            fusedLoss = lossOn.build(fused, reads);
            Gradients fusedGradients = fused.gradients(fusedLoss, reads);
            List<Operand<TFloat32>> fusedPerVariable = new ArrayList<>(reads.size());
            for (int i = 0; i < reads.size(); i++) {
                fusedPerVariable.add(fusedGradients.<TFloat32>dy(i));
            }
            fusedFlatGradient = Flat.concat(fused.withSubScope("flat_gradient"), fusedPerVariable);
        }
    }

    /** Whether {@link #fusedLoss} and {@link #fusedFlatGradient} exist. */
    boolean fused() {
        return fusedLoss != null;
    }

    /** The mean loss after one run of {@link UpdateRule#step()} with {@link #gradientFeed}, in the same run. */
    Operand<TFloat32> fusedLoss() {
        return fusedLoss;
    }

    /** The flat gradient of {@link #fusedLoss} with respect to the updated variables. */
    Operand<TFloat32> fusedFlatGradient() {
        return fusedFlatGradient;
    }

    Operand<TFloat32> flatGradient() {
        return flatGradient;
    }

    Placeholder<TFloat32> gradientFeed() {
        return gradientFeed;
    }

    UpdateRule update() {
        return update;
    }

    FlatVariables parameters() {
        return parameters;
    }

    FlatVariables optimizerState() {
        return optimizerState;
    }
}
