package dev.gantry.training.dl4j;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state and step of {@link HeavyBallMomentum} for one block of parameters. */
final class HeavyBallMomentumUpdater implements GradientUpdater<HeavyBallMomentum> {
    static final String VELOCITY = "V";

    private final HeavyBallMomentum config;
    private INDArray velocity;

    HeavyBallMomentumUpdater(HeavyBallMomentum config) {
        this.config = config;
    }

    @Override
    public HeavyBallMomentum getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (stateMap.size() != 1 || !stateMap.containsKey(VELOCITY)) {
            throw new IllegalStateException("heavy-ball momentum state is [" + VELOCITY + "], got " + stateMap.keySet());
        }
        velocity = stateMap.get(VELOCITY);
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        // The state must stay a view of DL4J's flat updater-state array (checkpoints read that array),
        // shaped like the gradient so that element-wise ops line up without copies.
        velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (velocity == null) {
            throw new IllegalStateException("cannot view the momentum state as the gradient's shape");
        }
    }

    /** Turns {@code gradient} in place into the amount DL4J subtracts from the parameters. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        // DL4J hands over a contiguous vector, so this reshape is a view and the writes reach DL4J.
        INDArray g = gradient.reshape(velocity.shape());
        g.muli(config.getLearningRate(iteration, epoch));
        velocity.muli(config.momentum()).subi(g);
        g.assign(velocity).negi();
    }
}
