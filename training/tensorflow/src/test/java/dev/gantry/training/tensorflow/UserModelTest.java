package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SavedModel named by the job trains through the backend like a built-in network. */
class UserModelTest {
    private static final Map<String, String> BUILT_IN_NAMES =
            Map.of("input", "input", "label", "label", "loss", "loss", "output", "output");

    @Test
    void exportedBuiltInTrainsAgainAsAUserModel(@TempDir Path dir) throws IOException {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 6);
        ModelSpec builtIn = ModelSpec.mlp(20, List.of(16), 10);
        float[] exported;
        try (WorkerModel model = Replicas.create(builtIn, Optimizer.SGD, 0.05, 8)) {
            Replicas.train(model, data, 3, 32, 0);
            exported = ModelSteps.parameters(model);
            model.export(dir);
        }
        ModelSpec user = ModelSpec.user(dir.toString(), new int[] {20}, 10, BUILT_IN_NAMES);
        try (WorkerModel model = Replicas.create(user, Optimizer.ADAM, 0.01, 99)) {
            assertThat(model.parameterCount()).isEqualTo(exported.length);
            assertThat(ModelSteps.parameters(model)).as("the SavedModel's weights, same flat layout, seed unused")
                    .containsExactly(exported);
            Replicas.train(model, data, 300, 32, 1000);
            assertThat(Replicas.heldOut(model, data, 2000).accuracy()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void handBuiltGraphTrainsAndExportsWithItsOwnNames(@TempDir Path tmp) throws IOException {
        ModelSpec spec = HandBuiltSavedModel.writeSpec(Files.createDirectory(tmp.resolve("source")), 20, 10);
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 6);
        float[] examples = data.batch(Replicas.HELD_OUT, 40).features();
        float[] trained;
        float[] predictions;
        Path exported = Files.createDirectory(tmp.resolve("exported"));
        try (WorkerModel model = Replicas.create(spec, Optimizer.MOMENTUM, 0.05, 1)) {
            assertThat(model.parameterCount()).isEqualTo(20 * 10 + 10);
            double before = Replicas.heldOut(model, data, 2000).accuracy();
            Replicas.train(model, data, 200, 32, 0);
            double after = Replicas.heldOut(model, data, 2000).accuracy();
            assertThat(after).isGreaterThan(before).isGreaterThanOrEqualTo(0.95);
            trained = ModelSteps.parameters(model);
            predictions = model.predict(examples, 40);
            model.export(exported);
        }
        assertThat(exported.resolve("saved_model.pb")).isRegularFile();
        try (WorkerModel reloaded = Replicas.create(
                ModelSpec.user(exported.toString(), spec.inputShape(), spec.classes(), spec.names()), Optimizer.SGD, 0.1, 1)) {
            assertThat(ModelSteps.parameters(reloaded)).containsExactly(trained);
            assertThat(reloaded.predict(examples, 40)).containsExactly(predictions, within(1e-6f));
        }
        // The source model is untouched by training and export.
        try (WorkerModel original = Replicas.create(spec, Optimizer.SGD, 0.1, 1)) {
            assertThat(ModelSteps.parameters(original)).isNotEqualTo(trained);
        }
    }
}
