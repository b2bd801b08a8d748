package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.training.backend.ModelSpec;
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
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** An exported replica is a SavedModel that plain TensorFlow Java loads and that predicts the same. */
class ExportTest {

    @Test
    void exportedMlpPredictsLikeTheReplica(@TempDir Path dir) throws IOException {
        SyntheticClassification data = SyntheticClassification.separable(20, 10, 4);
        checkExport(ModelSpec.mlp(20, List.of(16), 10), data, dir);
    }

    @Test
    void exportedCnnPredictsLikeTheReplica(@TempDir Path dir) throws IOException {
        SyntheticClassification data = SyntheticClassification.separable(36, 10, 4);
        checkExport(ModelSpec.cnn(6, 6, 1, List.of(4), List.of(16), 10), data, dir);
    }

    @Test
    void refusesADirectoryThatIsNotEmpty(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("something"), "x");
        try (WorkerModel model = Replicas.create(ModelSpec.mlp(4, List.of(), 2), Optimizer.SGD, 0.1, 1)) {
            assertThatThrownBy(() -> model.export(dir)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not empty");
            assertThatThrownBy(() -> model.export(dir.resolve("absent"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    private static void checkExport(ModelSpec spec, SyntheticClassification data, Path dir) throws IOException {
        int n = 50;
        float[] examples = data.batch(Replicas.HELD_OUT, n).features();
        float[] expected;
        try (WorkerModel model = Replicas.create(spec, Optimizer.ADAM, 0.01, 3)) {
            Replicas.train(model, data, 20, 32, 0);
            expected = model.predict(examples, n);
            model.export(dir);
        }
        assertThat(dir.resolve("saved_model.pb")).isRegularFile();
        assertThat(dir.resolve("variables")).isDirectory();

        long[] dims = new long[spec.inputShape().length + 1];
        dims[0] = n;
        for (int i = 0; i < spec.inputShape().length; i++) {
            dims[i + 1] = spec.inputShape()[i];
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
             TFloat32 input = TFloat32.tensorOf(Shape.of(dims), t -> t.copyFrom(DataBuffers.of(examples, true, false)));
             Result byName = bundle.session().runner().feed("input", input).fetch("output").run();
             Result bySignature = bundle.function(Signature.DEFAULT_KEY).call(Map.of("input", input))) {
            float[] actual = new float[expected.length];
            ((TFloat32) byName.get(0)).copyTo(DataBuffers.of(actual, false, false));
            assertThat(actual).containsExactly(expected, within(1e-6f));

            float[] viaSignature = new float[expected.length];
            ((TFloat32) bySignature.get("output").orElseThrow()).copyTo(DataBuffers.of(viaSignature, false, false));
            assertThat(viaSignature).containsExactly(expected, within(1e-6f));
        }
    }
}
