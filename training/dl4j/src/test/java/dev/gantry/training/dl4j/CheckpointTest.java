package dev.gantry.training.dl4j;

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

/** A checkpoint carries everything training needs: a fresh replica reading it continues exactly. */
class CheckpointTest {
    private static final SyntheticClassification DATA = SyntheticClassification.separable(10, 4, 8);
    private static final ModelSpec SPEC = ModelSpec.mlp(10, List.of(12), 4);
    private static final int K = 5;

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void freshReplicaContinuesFromACheckpointExactly(Optimizer optimizer) throws IOException {
        byte[] checkpoint;
        float[] continued;
        try (WorkerModel original = Replicas.create(SPEC, optimizer, 0.05, 1)) {
            train(original, 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            original.writeCheckpoint(out);
            checkpoint = out.toByteArray();
            train(original, K);
            continued = ModelSteps.parameters(original);
        }
        // A different seed: everything that matters must come from the checkpoint.
        try (WorkerModel restored = Replicas.create(SPEC, optimizer, 0.05, 99)) {
            restored.readCheckpoint(new ByteArrayInputStream(checkpoint));
            train(restored, K);
            assertThat(ModelSteps.parameters(restored)).containsExactly(continued);
        }
    }

    @Test
    void checkpointOfAnotherModelIsRefusedAndChangesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WorkerModel small = Replicas.create(ModelSpec.mlp(10, List.of(3), 4), Optimizer.ADAM, 0.05, 1)) {
            small.writeCheckpoint(out);
        }
        try (WorkerModel model = Replicas.create(SPEC, Optimizer.ADAM, 0.05, 1)) {
            float[] before = ModelSteps.parameters(model);
            assertThatThrownBy(() -> model.readCheckpoint(new ByteArrayInputStream(out.toByteArray())))
                    .isInstanceOf(IOException.class).hasMessageContaining("parameters");
            assertThat(ModelSteps.parameters(model)).containsExactly(before);
            assertThatThrownBy(() -> model.readCheckpoint(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                    .isInstanceOf(IOException.class).hasMessageContaining("not a Gantry DL4J checkpoint");
        }
    }

    private static void train(WorkerModel model, int first) {
        for (int step = first; step < first + K; step++) {
            ModelSteps.step(model, DATA.batch(step * 16L, 16));
        }
    }
}
