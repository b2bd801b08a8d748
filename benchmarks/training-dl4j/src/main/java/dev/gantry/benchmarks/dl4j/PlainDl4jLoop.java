package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Batch;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The peer: the training loop a DL4J user writes in one process, with their own configuration,
 * their data already in {@link DataSet}s, and {@code network.fit(dataSet)} per step.
 */
final class PlainDl4jLoop implements StepLoop {
    private final MultiLayerNetwork network;
    private final List<DataSet> dataSets = new ArrayList<>();
    private long step;

    PlainDl4jLoop(Workload workload) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(workload.seed())
                .dataType(DataType.FLOAT)
                .updater(updater(workload))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        for (int units : workload.hidden()) {
            layers.layer(new DenseLayer.Builder().nOut(units).activation(Activation.RELU).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(workload.classes()).activation(Activation.SOFTMAX).build());
        network = new MultiLayerNetwork(layers.setInputType(InputType.feedForward(workload.inputs())).build());
        network.init();
        for (Batch batch : workload.batches()) {
            dataSets.add(dataSet(batch, workload.classes()));
        }
    }

    // MOMENTUM maps to DL4J's nearest updater: a DL4J user has no heavy-ball one.
    private static IUpdater updater(Workload workload) {
        double lr = workload.learningRate();
        return switch (workload.optimizer()) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new Nesterovs(lr, 0.9);
            case ADAM -> new Adam(lr, 0.9, 0.999, 1e-7);
        };
    }

    private static DataSet dataSet(Batch batch, int classes) {
        float[] oneHot = new float[batch.size() * classes];
        for (int i = 0; i < batch.size(); i++) {
            oneHot[i * classes + batch.labels()[i]] = 1f;
        }
        return new DataSet(
                Nd4j.create(batch.features(), new long[] {batch.size(), batch.featureCount()}, DataType.FLOAT),
                Nd4j.create(oneHot, new long[] {batch.size(), classes}, DataType.FLOAT));
    }

    @Override
    public String name() {
        return "plain DL4J fit";
    }

    @Override
    public void run(int steps) {
        for (int i = 0; i < steps; i++, step++) {
            network.fit(dataSets.get((int) (step % dataSets.size())));
        }
    }

    @Override
    public float[] parameters() {
        return network.params().toFloatVector();
    }

    @Override
    public void close() {
        network.close();
    }
}
