package dev.gantry.training.dl4j;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.TrainingBackend;
import dev.gantry.training.backend.WorkerModel;
import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;

/** Deeplearning4j (1.0.0-M2.1) as a Gantry training backend. */
public final class Dl4jBackend implements TrainingBackend {
    public static final String NAME = "dl4j";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WorkerModel create(ModelSpec model, TrainSettings settings, long seed, List<Integer> gpus) {
        // Device first: ND4J allocates the parameters on the thread's current device.
        DevicePin device = DevicePin.of(gpus);
        Nd4jThreads.apply(settings.threads());
        IUpdater updater = Updaters.of(settings);
        return switch (model.kind()) {
            case MLP -> new Dl4jWorkerModel(new LayerStack(BuiltInModels.configuration(model, updater, seed)),
                    new Inputs(model.inputShape(), model.classes(), Inputs.Layout.FLAT), device);
            case CNN -> new Dl4jWorkerModel(new LayerStack(BuiltInModels.configuration(model, updater, seed)),
                    new Inputs(model.inputShape(), model.classes(), Inputs.Layout.CHANNELS_LAST), device);
            case USER -> {
                UserModels.Loaded loaded = UserModels.load(model, updater, seed);
                yield new Dl4jWorkerModel(loaded.network(), loaded.inputs(), device);
            }
        };
    }
}
