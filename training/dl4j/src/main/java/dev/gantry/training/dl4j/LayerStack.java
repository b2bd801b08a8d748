package dev.gantry.training.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/** A {@link MultiLayerNetwork}: the built-in models and users' layer lists. */
final class LayerStack implements Network {
    private final MultiLayerNetwork network;

    LayerStack(MultiLayerConfiguration configuration) {
        this.network = new MultiLayerNetwork(configuration);
        network.init();
    }

    MultiLayerNetwork network() {
        return network;
    }

    @Override
    public Model model() {
        return network;
    }

    @Override
    public INDArray parameters() {
        return network.params();
    }

    @Override
    public INDArray gradientView() {
        if (network.getGradientsViewArray() == null) {
            network.initGradientsView();
        }
        return network.getGradientsViewArray();
    }

    @Override
    public BaseMultiLayerUpdater<?> updater() {
        return (BaseMultiLayerUpdater<?>) network.getUpdater(true);
    }

    @Override
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        org.deeplearning4j.nn.api.Layer[] layers = network.getLayers();
        for (int i = 0; i < layers.length; i++) {
            // DL4J names a layer list's gradients by layer index, whatever the layers are called.
            parts.add(new Part(String.valueOf(i), layers[i]));
        }
        return parts;
    }

    @Override
    public double computeGradientAndScore(INDArray features, INDArray labels) {
        network.setInput(features);
        network.setLabels(labels);
        network.computeGradientAndScore();
        return network.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return network.output(features, false);
    }

    @Override
    public INDArray exampleLosses(INDArray features, INDArray labels) {
        return network.scoreExamples(new DataSet(features, labels), false);
    }

    @Override
    public int iteration() {
        return network.getIterationCount();
    }

    @Override
    public void iteration(int count) {
        network.setIterationCount(count);
    }

    @Override
    public int epoch() {
        return network.getEpochCount();
    }

    @Override
    public void epoch(int count) {
        network.setEpochCount(count);
    }

    @Override
    public void clearState() {
        network.clearLayersStates();
        network.setInput(null);
        network.setLabels(null);
    }

    @Override
    public Model withUpdaters(UnaryOperator<IUpdater> replace) {
        MultiLayerConfiguration copy = network.getLayerWiseConfigurations().clone();
        if (!LayerConfigurations.replaceUpdaters(LayerConfigurations.of(copy), replace)) {
            return network;
        }
        MultiLayerNetwork other = new MultiLayerNetwork(copy);
        other.init(network.params().dup(), false);
        PortableUpdaters.copyState(network.getUpdater(true).getStateViewArray(), other.getUpdater(true).getStateViewArray());
        return other;
    }
}
