package dev.gantry.training.tensorflow;

import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/**
 * A model's forward pass inside a graph: where examples go in, what comes out, the batch's mean
 * loss, and the trainable variables in their flat-layout order.
 *
 * @param label int32 or int64 class indices, one per example
 * @param output class probabilities, {@code [examples, classes]}
 */
record Network(Output<TFloat32> input, Output<?> label, Output<TFloat32> output, Output<TFloat32> loss,
               List<Output<TFloat32>> variables) {

    Network {
        variables = List.copyOf(variables);
    }
}
