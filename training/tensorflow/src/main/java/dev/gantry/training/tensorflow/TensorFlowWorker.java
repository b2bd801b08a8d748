package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Score;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.WorkerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * One replica: a graph with the network and {@link TrainingOps}, and the session running it.
 * Feeds are reused between calls. Not thread-safe: one worker thread drives a replica.
 *
 * <p>{@link #applyGradients} is lazy: it keeps the gradient and leaves the update pending, and
 * the next {@link #computeGradients} applies it and computes the new gradient in one session run
 * (the fused step of {@link TrainingOps}), so a training step costs one run instead of two. Every
 * other method that reads or replaces the model's state first applies a pending update on its own
 * (the plain update run), so what a caller observes is what eager updates give. A user's graph,
 * which has no fused step, applies a pending update in its own run before the gradient run.
 *
 * <p>{@link #trainStep} needs neither: the update takes the gradient inside the same run.
 */
final class TensorFlowWorker implements WorkerModel {
    private final ModelSpec spec;
    private final TrainSettings settings;
    private final ConfigProto config;
    private final Session session;
    private final AutoCloseable owner;
    private final Network network;
    private final TrainingOps ops;
    private final long[] batchDims;
    private final int parameterCount;
    private final FloatFeed features = new FloatFeed();
    private final FloatFeed vector = new FloatFeed();
    /** The gradient, per variable, of the update that {@link #applyGradients} left pending. */
    private final FlatPieces gradientPieces;
    private final LabelFeed labels;
    private TFloat32[] pending;
    private boolean closed;

    private TensorFlowWorker(ModelSpec spec, TrainSettings settings, ConfigProto config, Session session,
                             AutoCloseable owner, Network network, TrainingOps ops) {
        this.spec = spec;
        this.settings = settings;
        this.config = config;
        this.session = session;
        this.owner = owner;
        this.network = network;
        this.ops = ops;
        int[] inputShape = spec.inputShape();
        this.batchDims = new long[inputShape.length + 1];
        for (int i = 0; i < inputShape.length; i++) {
            batchDims[i + 1] = inputShape[i];
        }
        if (ops.parameters().size() > Integer.MAX_VALUE - 8 || ops.optimizerState().size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model " + spec + " has " + ops.parameters().size()
                    + " parameters, more than one Java array holds");
        }
        this.parameterCount = (int) ops.parameters().size();
        this.gradientPieces = new FlatPieces(ops.parameters().shapes());
        this.labels = new LabelFeed(network.label().dataType());
    }

    static TensorFlowWorker create(ModelSpec spec, TrainSettings settings, long seed, List<Integer> gpus) {
        Objects.requireNonNull(spec, "model");
        Objects.requireNonNull(settings, "training settings");
        ConfigProto config = SessionConfig.of(settings.threads(), gpus == null ? List.of() : gpus);
        return spec.kind() == ModelSpec.Kind.USER ? user(spec, settings, config) : builtIn(spec, settings, seed, config);
    }

    /** A built-in network in a new graph, its weights drawn from the seed. */
    private static TensorFlowWorker builtIn(ModelSpec spec, TrainSettings settings, long seed, ConfigProto config) {
        Graph graph = new Graph();
        Session session = null;
        TensorFlowWorker worker;
        try {
            Network network = BuiltInNetworks.build(Ops.create(graph), spec);
            TrainingOps ops = new TrainingOps(Ops.create(graph), network, settings,
                    (tf, reads) -> BuiltInNetworks.lossOn(tf, spec, network, reads));
            session = new Session(graph, config);
            Session opened = session;
            worker = new TensorFlowWorker(spec, settings, config, session, () -> {
                opened.close();
                graph.close();
            }, network, ops);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
        return initialise(worker, () -> {
            worker.writeParameters(GlorotUniform.values(worker.ops.parameters().shapes(), seed));
            worker.writeOptimizerState(worker.ops.update().initialState());
        });
    }

    /** The user's SavedModel with Gantry's ops added to its graph; its weights are the saved ones. */
    private static TensorFlowWorker user(ModelSpec spec, TrainSettings settings, ConfigProto config) {
        SavedModelBundle bundle = SavedModels.load(spec, config);
        TensorFlowWorker worker;
        try {
            Network network = UserNetwork.of(bundle.graph(), spec);
            TrainingOps ops = userTrainingOps(bundle.graph(), network, spec, settings);
            worker = new TensorFlowWorker(spec, settings, config, bundle.session(), bundle, network, ops);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
        return initialise(worker, () -> {
            worker.checkVariablesLoaded();
            worker.writeOptimizerState(worker.ops.update().initialState());
        });
    }

    private static TensorFlowWorker initialise(TensorFlowWorker worker, Runnable firstValues) {
        try {
            firstValues.run();
            return worker;
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /** TensorFlow Java differentiates with the C++ gradient registry, which lacks some ops' gradients. */
    private static TrainingOps userTrainingOps(Graph graph, Network network, ModelSpec spec, TrainSettings settings) {
        try {
            return new TrainingOps(Ops.create(graph), network, settings, null);
        } catch (TensorFlowException e) {
            throw new IllegalArgumentException("model.names.loss '" + spec.names().get("loss") + "' of model.path '" + spec.path()
                    + "' cannot be differentiated by TensorFlow Java: " + SavedModels.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public long parameterCount() {
        return parameterCount;
    }

    @Override
    public float computeGradients(Batch batch, float[] gradients) {
        InputChecks.batch(spec, batch);
        WorkerModel.checkGradient(gradients, parameterCount);
        if (pending != null && !ops.fused()) {
            flush();
        }
        Session.Runner runner = runnerFeeding(batch);
        if (pending != null) {
            feedGradient(runner, pending)
                    .addTarget(ops.update().step())
                    .fetch(ops.fusedLoss());
            ops.fusedGradients().forEach(runner::fetch);
        } else {
            runner.fetch(network.loss());
            ops.gradients().forEach(runner::fetch);
        }
        // The batch passed the checks above, so the run fails only where the session does; the
        // update may then be half applied either way, as an eager update run could be.
        pending = null;
        try (Result result = runner.run()) {
            gradientPieces.copyOut(result, 1, gradients);
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    private Session.Runner feedGradient(Session.Runner runner, TFloat32[] pieces) {
        for (int i = 0; i < pieces.length; i++) {
            runner.feed(ops.gradientFeeds().get(i), pieces[i]);
        }
        return runner;
    }

    /** The whole step in one run: the update applies the graph's own gradient, which never leaves TensorFlow. */
    @Override
    public float trainStep(Batch batch, float[] scratch) {
        InputChecks.batch(spec, batch);
        flush();
        try (Result result = runnerFeeding(batch)
                .addTarget(ops.update().step())
                .fetch(network.loss())
                .run()) {
            return ((TFloat32) result.get(0)).getFloat();
        }
    }

    @Override
    public void applyGradients(float[] gradients) {
        WorkerModel.checkGradient(gradients, parameterCount);
        flush();
        pending = gradientPieces.fill(gradients);
    }

    /** Whether {@link #computeGradients} applies a pending update in its own run (false for a user's graph). */
    boolean fusesSteps() {
        return ops.fused();
    }

    /** Whether {@link #applyGradients} left an update that has not run yet. */
    boolean updatePending() {
        return pending != null;
    }

    /** Runs the update that {@link #applyGradients} left pending, if any. */
    private void flush() {
        if (pending == null) {
            return;
        }
        TFloat32[] gradient = pending;
        pending = null;
        feedGradient(session.runner(), gradient)
                .addTarget(ops.update().step())
                .run()
                .close();
    }

    @Override
    public void readParameters(float[] into) {
        flush();
        InputChecks.vector("parameters", into, parameterCount);
        read(ops.parameters(), into);
    }

    @Override
    public void writeParameters(float[] from) {
        flush();
        InputChecks.vector("parameters", from, parameterCount);
        write(ops.parameters(), from);
    }

    @Override
    public Score evaluate(Batch batch) {
        flush();
        InputChecks.batch(spec, batch);
        try (Result result = runnerFeeding(batch)
                .fetch(network.loss())
                .fetch(network.output())
                .run()) {
            float meanLoss = ((TFloat32) result.get(0)).getFloat();
            float[] probabilities = probabilities((TFloat32) result.get(1), batch.size());
            long correct = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (argMax(probabilities, i * spec.classes(), spec.classes()) == batch.labels()[i]) {
                    correct++;
                }
            }
            return new Score((double) meanLoss * batch.size(), correct, batch.size());
        }
    }

    @Override
    public float[] predict(float[] examples, int size) {
        flush();
        InputChecks.examples(spec, examples, size);
        try (Result result = session.runner()
                .feed(network.input(), features(examples, size))
                .fetch(network.output())
                .run()) {
            return probabilities((TFloat32) result.get(0), size);
        }
    }

    @Override
    public void writeCheckpoint(OutputStream out) throws IOException {
        flush();
        float[] parameters = new float[parameterCount];
        float[] state = new float[(int) ops.optimizerState().size()];
        read(ops.parameters(), parameters);
        read(ops.optimizerState(), state);
        Checkpoints.write(out, settings.optimizer(), new Checkpoints.State(parameters, state));
    }

    @Override
    public void readCheckpoint(InputStream in) throws IOException {
        flush();
        Checkpoints.State state = Checkpoints.read(in, settings.optimizer(), parameterCount, ops.optimizerState().size());
        write(ops.parameters(), state.parameters());
        writeOptimizerState(state.optimizerState());
    }

    @Override
    public void export(Path dir) throws IOException {
        flush();
        SavedModelExport.write(session, spec, config, dir);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // A pending update is dropped: nothing can observe the model after this.
        pending = null;
        features.close();
        vector.close();
        gradientPieces.close();
        labels.close();
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the TensorFlow session failed", e);
        }
    }

    /** A session run with the batch's examples and labels fed. */
    private Session.Runner runnerFeeding(Batch batch) {
        return session.runner()
                .feed(network.input(), features(batch.features(), batch.size()))
                .feed(network.label(), labels.fill(batch.labels(), batch.size()));
    }

    private TFloat32 features(float[] values, int size) {
        // Shape.of keeps the array it is given, and a tensor keeps its Shape: a fresh array each
        // time, or a reused tensor's shape would change under it.
        long[] dims = batchDims.clone();
        dims[0] = size;
        return features.fill(Shape.of(dims), values);
    }

    private void read(FlatVariables variables, float[] into) {
        if (variables.size() == 0) {
            return;
        }
        try (Result result = session.runner().fetch(variables.read()).run()) {
            FloatFeed.copy((TFloat32) result.get(0), into);
        }
    }

    private void write(FlatVariables variables, float[] from) {
        if (variables.size() == 0) {
            return;
        }
        session.runner()
                .feed(variables.value(), vector.fill(Shape.of(variables.size()), from))
                .addTarget(variables.write())
                .run()
                .close();
    }

    /**
     * TensorFlow loads a SavedModel whose variables folder is missing without complaint and fails
     * only at the first run; reading the parameters once turns that into an error about the job.
     */
    private void checkVariablesLoaded() {
        try {
            read(ops.parameters(), new float[parameterCount]);
        } catch (TensorFlowException e) {
            throw new IllegalArgumentException("model.path '" + spec.path() + "' has no saved values for its variables ("
                    + SavedModels.firstLine(e.getMessage()) + ")", e);
        }
    }

    private void writeOptimizerState(float[] state) {
        write(ops.optimizerState(), state);
    }

    private float[] probabilities(TFloat32 output, int size) {
        long expected = (long) size * spec.classes();
        if (output.size() != expected) {
            throw new IllegalArgumentException("model.classes is " + spec.classes() + " but the model's output has shape "
                    + output.shape() + " for " + size + " examples");
        }
        float[] probabilities = new float[(int) expected];
        FloatFeed.copy(output, probabilities);
        return probabilities;
    }

    private static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }
}
