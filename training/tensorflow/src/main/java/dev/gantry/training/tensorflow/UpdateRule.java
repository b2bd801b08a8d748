package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.TrainSettings;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One optimizer step as graph ops, with TensorFlow's own update kernels (ApplyGradientDescent,
 * ApplyMomentum, ApplyAdam). Everything the optimizer remembers between steps lives in
 * variables ({@link #state()}), so a checkpoint that saves them continues training exactly.
 */
final class UpdateRule {
    static final float MOMENTUM = 0.9f;
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-7f;

    private final Op step;
    private final List<Output<TFloat32>> state;
    private final float[] initialState;

    private UpdateRule(Op step, List<Output<TFloat32>> state, float[] initialState) {
        this.step = step;
        this.state = List.copyOf(state);
        this.initialState = initialState;
    }

    /** The step applying {@code gradients[i]} to {@code variables[i]}. */
    static UpdateRule build(Ops tf, TrainSettings settings, List<Output<TFloat32>> variables,
                            List<Operand<TFloat32>> gradients) {
        Operand<TFloat32> rate = tf.constant((float) settings.learningRate());
        Optimizer optimizer = settings.optimizer();
        List<Op> applies = new ArrayList<>(variables.size());
        List<Output<TFloat32>> state = new ArrayList<>();
        switch (optimizer) {
            case SGD -> {
                for (int i = 0; i < variables.size(); i++) {
                    applies.add(tf.train.applyGradientDescent(variables.get(i), rate, gradients.get(i)));
                }
                return new UpdateRule(group(tf, applies), state, new float[0]);
            }
            case MOMENTUM -> {
                Operand<TFloat32> momentum = tf.constant(MOMENTUM);
                for (int i = 0; i < variables.size(); i++) {
                    Output<TFloat32> accumulator = slot(tf, "momentum_" + i, variables.get(i).shape());
                    state.add(accumulator);
                    applies.add(tf.train.applyMomentum(variables.get(i), accumulator, rate, gradients.get(i), momentum));
                }
                return new UpdateRule(group(tf, applies), state, new float[Math.toIntExact(Flat.size(shapes(state)))]);
            }
            case ADAM -> {
                return adam(tf, rate, variables, gradients);
            }
            default -> throw new IllegalArgumentException("training.optimizer " + optimizer + " is not supported");
        }
    }

    private static UpdateRule adam(Ops tf, Operand<TFloat32> rate, List<Output<TFloat32>> variables,
                                   List<Operand<TFloat32>> gradients) {
        List<Output<TFloat32>> firstMoments = new ArrayList<>();
        List<Output<TFloat32>> secondMoments = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            firstMoments.add(slot(tf, "m_" + i, variables.get(i).shape()));
            secondMoments.add(slot(tf, "v_" + i, variables.get(i).shape()));
        }
        Output<TFloat32> beta1Power = slot(tf, "beta1_power", Shape.scalar());
        Output<TFloat32> beta2Power = slot(tf, "beta2_power", Shape.scalar());
        Operand<TFloat32> beta1 = tf.constant(BETA1);
        Operand<TFloat32> beta2 = tf.constant(BETA2);
        Operand<TFloat32> epsilon = tf.constant(EPSILON);
        List<Op> applies = new ArrayList<>(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            applies.add(tf.train.applyAdam(variables.get(i), firstMoments.get(i), secondMoments.get(i),
                    beta1Power, beta2Power, rate, beta1, beta2, epsilon, gradients.get(i)));
        }
        // ApplyAdam reads beta^t but leaves advancing it to the caller, once every variable has
        // used this step's value.
        Ops afterApplies = tf.withControlDependencies(applies);
        List<Op> advance = List.of(
                afterApplies.assign(beta1Power, afterApplies.math.mul(beta1Power, beta1)),
                afterApplies.assign(beta2Power, afterApplies.math.mul(beta2Power, beta2)));

        List<Output<TFloat32>> state = new ArrayList<>(firstMoments);
        state.addAll(secondMoments);
        state.add(beta1Power);
        state.add(beta2Power);
        float[] initial = new float[Math.toIntExact(Flat.size(shapes(state)))];
        initial[initial.length - 2] = BETA1;
        initial[initial.length - 1] = BETA2;
        return new UpdateRule(group(tf, advance), state, initial);
    }

    /** The op that runs one step. */
    Op step() {
        return step;
    }

    /** The optimizer's variables, in checkpoint order; empty for plain SGD. */
    List<Output<TFloat32>> state() {
        return state;
    }

    /** The state's values before the first step, flat. */
    float[] initialState() {
        return initialState.clone();
    }

    private static Output<TFloat32> slot(Ops tf, String name, Shape shape) {
        Variable<TFloat32> variable = tf.withName(name).variable(shape, TFloat32.class);
        return variable.asOutput();
    }

    private static Op group(Ops tf, List<Op> ops) {
        return tf.withControlDependencies(ops).withName("step").noOp();
    }

    private static List<Shape> shapes(List<Output<TFloat32>> variables) {
        return variables.stream().map(Output::shape).toList();
    }
}
