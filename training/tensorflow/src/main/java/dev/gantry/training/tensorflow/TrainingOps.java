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
    private final Operand<TFloat32> flatGradient;
    private final Placeholder<TFloat32> gradientFeed;
    private final UpdateRule update;
    private final FlatVariables parameters;
    private final FlatVariables optimizerState;

    TrainingOps(Ops root, Network network, TrainSettings settings) {
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
