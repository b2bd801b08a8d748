package dev.gantry.training.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/** A {@link ComputationGraph} with one input and one output: users' graph configurations. */
final class LayerGraph implements Network {
    private final ComputationGraph graph;

    LayerGraph(ComputationGraphConfiguration configuration) {
        if (configuration.getNetworkInputs().size() != 1 || configuration.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("model.path: a DL4J graph needs exactly one input and one output, got "
                    + configuration.getNetworkInputs() + " -> " + configuration.getNetworkOutputs());
        }
        this.graph = new ComputationGraph(configuration);
        graph.init();
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public INDArray parameters() {
        return graph.params();
    }

    @Override
    public INDArray gradientView() {
        if (graph.getGradientsViewArray() == null) {
            graph.initGradientsView();
        }
        return graph.getGradientsViewArray();
    }

    @Override
    public BaseMultiLayerUpdater<?> updater() {
        return graph.getUpdater(true);
    }

    @Override
    public List<Part> parts() {
        // Parameters lie in topological order, vertices without parameters take no room.
        List<Part> parts = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[index];
            if (vertex.numParams() > 0) {
                parts.add(new Part(vertex.getVertexName(), vertex));
            }
        }
        return parts;
    }

    @Override
    public double computeGradientAndScore(INDArray features, INDArray labels) {
        graph.setInputs(features);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        return graph.score();
    }

    @Override
    public INDArray output(INDArray features) {
        return graph.outputSingle(false, features);
    }

    @Override
    public INDArray exampleLosses(INDArray features, INDArray labels) {
        return graph.scoreExamples(new DataSet(features, labels), false);
    }

    @Override
    public int iteration() {
        return graph.getIterationCount();
    }

    @Override
    public void iteration(int count) {
        graph.getConfiguration().setIterationCount(count);
    }

    @Override
    public int epoch() {
        return graph.getEpochCount();
    }

    @Override
    public void epoch(int count) {
        graph.getConfiguration().setEpochCount(count);
    }

    @Override
    public void clearState() {
        graph.clearLayersStates();
        graph.setInputs((INDArray[]) null);
        graph.setLabels((INDArray[]) null);
    }

    @Override
    public Model withUpdaters(UnaryOperator<IUpdater> replace) {
        ComputationGraphConfiguration copy = graph.getConfiguration().clone();
        if (!LayerConfigurations.replaceUpdaters(LayerConfigurations.of(copy), replace)) {
            return graph;
        }
        ComputationGraph other = new ComputationGraph(copy);
        other.init(graph.params().dup(), false);
        PortableUpdaters.copyState(graph.getUpdater(true).getStateViewArray(), other.getUpdater(true).getStateViewArray());
        return other;
    }
}
