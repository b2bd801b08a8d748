package dev.gantry.training.worker;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.TrainSettings;
import dev.gantry.training.backend.TrainingBackend;
import dev.gantry.training.backend.WorkerModel;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * {@code faulty-device-test}: {@link SoftmaxRegression}, except that the replica of the worker of
 * rank 0 fails at its first gradient as a broken device would, so that its peers see only a
 * closed connection: the echo.
 */
public final class FaultyDeviceBackend implements TrainingBackend {
    public static final String FAULT = "simulated device fault: CUDA_ERROR_ILLEGAL_ADDRESS";

    @Override
    public String name() {
        return "faulty-device-test";
    }

    @Override
    public WorkerModel create(ModelSpec model, TrainSettings settings, long seed, List<Integer> gpus) {
        TaskContext task = TaskContext.get();
        boolean faulty = task != null && task.partitionId() == 0;
        return new SoftmaxRegression(model.featureCount(), model.classes(), (float) settings.learningRate(), seed) {
            @Override
            public float computeGradients(Batch batch, float[] gradients) {
                if (faulty) {
                    throw new IllegalStateException(FAULT);
                }
                return super.computeGradients(batch, gradients);
            }
        };
    }
}
