package dev.gantry.training.dl4j;

import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a worker needs from a DL4J network, whichever of DL4J's two network classes
 * ({@code MultiLayerNetwork}, {@code ComputationGraph}) it is. Both keep parameters, gradients and
 * updater state in one flat array each, which is what makes the split fit step possible.
 */
sealed interface Network permits LayerStack, LayerGraph {

    Model model();

    /** The flat parameter array, a view DL4J trains in place. */
    INDArray parameters();

    /** The flat gradient array that backprop fills and the updater turns into the update in place. */
    INDArray gradientView();

    /** The network's own updater, the one {@code fit} uses, so that its state lives in one place. */
    BaseMultiLayerUpdater<?> updater();

    /**
     * The parts that hold parameters (layers, graph vertices) in the order their parameters lie in
     * the flat arrays, each under the name DL4J's gradient keys start with ({@code name_param}).
     */
    List<Part> parts();

    /**
     * Forward and backward pass on one batch; leaves the gradient of the loss summed over examples
     * in {@link #gradientView()} and returns DL4J's score, the mean loss plus any regularisation.
     */
    double computeGradientAndScore(INDArray features, INDArray labels);

    /** The output layer's activations, without training-time behaviour such as dropout. */
    INDArray output(INDArray features);

    /** Each example's loss, as a column, without regularisation terms. */
    INDArray exampleLosses(INDArray features, INDArray labels);

    int iteration();

    void iteration(int count);

    int epoch();

    void epoch(int count);

    /** Drops the activations and inputs layers keep after a pass, so that a batch is not held on to. */
    void clearState();

    /**
     * A copy with every updater mapped through {@code replace}, with this network's parameters and
     * updater state, or this network itself when {@code replace} changes nothing.
     */
    Model withUpdaters(UnaryOperator<IUpdater> replace);

    record Part(String name, Trainable trainable) {}
}
