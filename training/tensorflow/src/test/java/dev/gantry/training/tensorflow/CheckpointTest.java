package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** A checkpoint carries parameters and optimizer state, so training continues exactly. */
class CheckpointTest {
    private static final int K = 5;
    private static final int BATCH = 16;
    private final SyntheticClassification data = SyntheticClassification.separable(20, 10, 9);

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void freshReplicaContinuesBitForBit(Optimizer optimizer) throws IOException {
        ModelSpec spec = ModelSpec.cnn(4, 5, 1, List.of(3), List.of(8), 10);
        try (WorkerModel original = Replicas.create(spec, optimizer, 0.01, 1);
             // Another seed: whatever the restored replica ends with came from the checkpoint.
             WorkerModel restored = Replicas.create(spec, optimizer, 0.01, 2)) {
            Replicas.train(original, data, K, BATCH, 0);
            ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
            original.writeCheckpoint(checkpoint);
            Replicas.train(original, data, K, BATCH, (long) K * BATCH);

            restored.readCheckpoint(new ByteArrayInputStream(checkpoint.toByteArray()));
            Replicas.train(restored, data, K, BATCH, (long) K * BATCH);

            assertThat(ModelSteps.parameters(restored)).containsExactly(ModelSteps.parameters(original));
        }
    }

    @Test
    void writeParametersKeepsOptimizerState() throws IOException {
        ModelSpec spec = ModelSpec.mlp(20, List.of(8), 10);
        try (WorkerModel trained = Replicas.create(spec, Optimizer.ADAM, 0.01, 1);
             WorkerModel copy = Replicas.create(spec, Optimizer.ADAM, 0.01, 1)) {
            Replicas.train(trained, data, K, BATCH, 0);
            Replicas.train(copy, data, K, BATCH, 0);
            // Overwrite copy's parameters with its own values: Adam's moments and step stay.
            copy.writeParameters(ModelSteps.parameters(copy));
            Replicas.train(trained, data, 1, BATCH, 1000);
            Replicas.train(copy, data, 1, BATCH, 1000);
            assertThat(ModelSteps.parameters(copy)).containsExactly(ModelSteps.parameters(trained));
        }
    }

    @Test
    void rejectsForeignCheckpoints() throws IOException {
        ModelSpec spec = ModelSpec.mlp(20, List.of(8), 10);
        try (WorkerModel adam = Replicas.create(spec, Optimizer.ADAM, 0.01, 1);
             WorkerModel sgd = Replicas.create(spec, Optimizer.SGD, 0.01, 1);
             WorkerModel bigger = Replicas.create(ModelSpec.mlp(20, List.of(9), 10), Optimizer.ADAM, 0.01, 1)) {
            ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
            adam.writeCheckpoint(checkpoint);
            byte[] bytes = checkpoint.toByteArray();

            assertThatThrownBy(() -> sgd.readCheckpoint(new ByteArrayInputStream(bytes)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training.optimizer");
            assertThatThrownBy(() -> bigger.readCheckpoint(new ByteArrayInputStream(bytes)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameters");
            assertThatThrownBy(() -> adam.readCheckpoint(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})))
                    .isInstanceOf(IOException.class);
            byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
            assertThatThrownBy(() -> adam.readCheckpoint(new ByteArrayInputStream(truncated)))
                    .isInstanceOf(IOException.class);
        }
    }
}
