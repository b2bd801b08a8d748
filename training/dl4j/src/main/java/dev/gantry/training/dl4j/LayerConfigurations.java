package dev.gantry.training.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.IUpdater;

/** The per-layer configurations inside either kind of DL4J network configuration, and edits to them. */
final class LayerConfigurations {
    private LayerConfigurations() {}

    static List<NeuralNetConfiguration> of(MultiLayerConfiguration configuration) {
        return configuration.getConfs();
    }

    static List<NeuralNetConfiguration> of(ComputationGraphConfiguration configuration) {
        List<NeuralNetConfiguration> layers = new ArrayList<>();
        for (GraphVertex vertex : configuration.getVertices().values()) {
            if (vertex instanceof LayerVertex layer) {
                layers.add(layer.getLayerConf());
            }
        }
        return layers;
    }

    /**
     * Maps the updater of every layer with trainable parameters through {@code replace}; biases
     * follow their weights (a separate bias updater is dropped).
     *
     * @return whether any updater changed
     */
    static boolean replaceUpdaters(List<NeuralNetConfiguration> layers, UnaryOperator<IUpdater> replace) {
        boolean changed = false;
        for (NeuralNetConfiguration layer : layers) {
            if (layer.getLayer() instanceof BaseLayer base) {
                IUpdater before = base.getIUpdater();
                IUpdater after = replace.apply(before);
                if (!after.equals(before) || base.getBiasUpdater() != null && !base.getBiasUpdater().equals(after)) {
                    base.setIUpdater(after);
                    base.setBiasUpdater(null);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
