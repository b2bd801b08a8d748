package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;

/**
 * What Gantry adds to a model's graph to drive it from outside: the mean loss's gradient, one
 * tensor per variable (one session run yields loss and gradient), an update fed with a gradient
 * per variable, and flat views of the parameters and of the optimizer's state. Added under the
 * scope {@code gantry} so a user's graph keeps its own names. The gradient stays in pieces
 * because it crosses every step; {@link FlatPieces} lays them out as the flat vector.
 *
 * <p>The update's gradient inputs default to the graph's own gradient, so running the update
 * without feeding them is a whole training step in one run, with nothing copied: what a worker
 * without peers takes. Fed, they cut the graph there and the update applies what was fed.
 */
final class TrainingOps {
    /** The network's mean loss built again on other reads of its variables (in {@link Network#variables()} order). */
    @FunctionalInterface
    interface LossOn {
        Operand<TFloat32> build(Ops tf, List<Operand<TFloat32>> reads);
    }

    private final List<Operand<TFloat32>> gradients;
    private final Operand<TFloat32> fusedLoss;
    private final List<Operand<TFloat32>> fusedGradients;
    private final List<PlaceholderWithDefault<TFloat32>> gradientFeeds;
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

        gradients = perVariable(tf.gradients(network.loss(), variables), variables.size());

        Ops apply = tf.withSubScope("apply");
        // Unfed, no variable may be updated before every gradient is computed: backpropagation
        // still reads the variables of later layers after their own gradient is known.
        Ops afterGradients = apply.withSubScope("own_gradient").withControlDependencies(List.<Op>copyOf(gradients));
        List<PlaceholderWithDefault<TFloat32>> feeds = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            feeds.add(apply.withName("gradient_" + i).placeholderWithDefault(afterGradients.identity(gradients.get(i)),
                    shapes.get(i)));
        }
        gradientFeeds = List.copyOf(feeds);
        update = UpdateRule.build(apply, settings, variables, List.<Operand<TFloat32>>copyOf(gradientFeeds));
        parameters = new FlatVariables(tf.withSubScope("parameters"), variables);
        optimizerState = new FlatVariables(tf.withSubScope("optimizer_state"), update.state());

        // The fused step: the update fed through gradientFeeds, then loss and gradient on the
        // updated variables, in one run. The forward pass is built again on Identity reads of the
        // variables that wait for the update; the first build's reads have no such dependency, and
        // TensorFlow gives no way to add one to ops that exist.
        if (lossOn == null) {
            fusedLoss = null;
            fusedGradients = null;
        } else {
            Ops fused = tf.withSubScope("fused");
            Ops afterUpdate = fused.withSubScope("read").withControlDependencies(List.of(update.step()));
            List<Operand<TFloat32>> reads = new ArrayList<>(variables.size());
            for (Output<TFloat32> variable : variables) {
                reads.add(afterUpdate.identity(variable));
            }
            fusedLoss = lossOn.build(fused, reads);
            fusedGradients = perVariable(fused.gradients(fusedLoss, reads), reads.size());
        }
    }

    private static List<Operand<TFloat32>> perVariable(Gradients gradients, int count) {
        List<Operand<TFloat32>> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pieces.add(gradients.<TFloat32>dy(i));
        }
        return List.copyOf(pieces);
    }

    /** Whether {@link #fusedLoss} and {@link #fusedGradients} exist. */
    boolean fused() {
        return fusedLoss != null;
    }

    /** The mean loss after one run of {@link UpdateRule#step()} with {@link #gradientFeeds}, in the same run. */
    Operand<TFloat32> fusedLoss() {
        return fusedLoss;
    }

    /** The gradient of {@link #fusedLoss} with respect to each updated variable. */
    List<Operand<TFloat32>> fusedGradients() {
        return fusedGradients;
    }

    /** The gradient of the network's loss with respect to each variable. */
    List<Operand<TFloat32>> gradients() {
        return gradients;
    }

    /** Where {@link UpdateRule#step()} takes each variable's gradient from; unfed, from {@link #gradients()}. */
    List<PlaceholderWithDefault<TFloat32>> gradientFeeds() {
        return gradientFeeds;
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
