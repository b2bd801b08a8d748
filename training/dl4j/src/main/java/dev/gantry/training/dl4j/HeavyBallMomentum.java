package dev.gantry.training.dl4j;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Classical (heavy-ball) momentum, the rule of TensorFlow's {@code Momentum} optimizer:
 * {@code v = momentum * v - lr * g; w += v}.
 *
 * <p>DL4J has no such updater: its {@code Nesterovs} applies {@code w += momentum * v - lr * g}
 * with the same {@code v}, i.e. Nesterov's look-ahead, which takes a different path from the
 * second step on. Gantry's {@code MOMENTUM} promises heavy ball in every backend, hence this class.
 * The state is the velocity {@code v}, the same quantity {@code Nesterovs} keeps, which lets an
 * export hand it to {@code Nesterovs} unchanged.
 */
public final class HeavyBallMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;

    // Fields, not final, and a public no-argument constructor: DL4J (de)serialises updaters with
    // Jackson field access when a configuration goes to or from JSON.
    private double learningRate;
    private double momentum;

    public HeavyBallMomentum() {
        this(0.01, 0.9);
    }

    public HeavyBallMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<HeavyBallMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        HeavyBallMomentumUpdater updater = new HeavyBallMomentumUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater<HeavyBallMomentum> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        HeavyBallMomentumUpdater updater = new HeavyBallMomentumUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public HeavyBallMomentum clone() {
        return new HeavyBallMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("heavy-ball momentum takes a constant learning rate");
        }
        this.learningRate = lr;
    }

    // DL4J groups consecutive parameters with equal updater configurations into one updater block.
    @Override
    public boolean equals(Object o) {
        return o instanceof HeavyBallMomentum h && h.learningRate == learningRate && h.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "HeavyBallMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
