package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Mistakes a user can make end in one line that names what to fix. */
class BadInputTest {
    private static WorkerModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void create() {
        model = Replicas.create(ModelSpec.mlp(4, List.of(3), 3), Optimizer.SGD, 0.1, 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void wrongFeatureCount() {
        Batch batch = new Batch(new float[10], new int[] {0, 1}, 2);
        oneLine(() -> model.computeGradients(batch, new float[(int) model.parameterCount()]))
                .hasMessageContaining("batch.features").hasMessageContaining("model.inputShape [4]");
        oneLine(() -> model.evaluate(batch)).hasMessageContaining("batch.features");
        oneLine(() -> model.predict(new float[10], 2)).hasMessageContaining("features");
    }

    @Test
    void labelOutOfRange() {
        oneLine(() -> model.computeGradients(new Batch(new float[8], new int[] {1, 3}, 2), new float[(int) model.parameterCount()]))
                .hasMessageContaining("batch.labels[1] = 3").hasMessageContaining("model.classes 3");
        oneLine(() -> model.evaluate(new Batch(new float[8], new int[] {-1, 0}, 2))).hasMessageContaining("batch.labels[0] = -1");
    }

    @Test
    void wrongGradientLength() {
        oneLine(() -> model.applyGradients(new float[3])).hasMessageContaining("gradients");
        oneLine(() -> model.writeParameters(new float[3])).hasMessageContaining("from");
    }

    @Test
    void userPathMissing() {
        oneLine(() -> user(dir.resolve("absent.json"), 4, 3)).hasMessageContaining("model.path").hasMessageContaining("does not exist");
    }

    @Test
    void userPathUnreadable() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        oneLine(() -> user(folder, 4, 3)).hasMessageContaining("model.path").hasMessageContaining("cannot be read");
    }

    @Test
    void userPathNotJson() throws IOException {
        Path file = Files.writeString(dir.resolve("model.json"), "this is { not json");
        oneLine(() -> user(file, 4, 3)).hasMessageContaining("model.path").hasMessageContaining("JSON");
    }

    @Test
    void userPathNotAConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("model.json"), "{\"layers\": [1, 2]}");
        oneLine(() -> user(file, 4, 3)).hasMessageContaining("model.path")
                .hasMessageContaining("not a DL4J MultiLayerConfiguration or ComputationGraphConfiguration");
    }

    @Test
    void userPathBrokenConfiguration() throws IOException {
        Path file = Files.writeString(dir.resolve("model.json"), "{\"confs\": [{\"layer\": {\"@class\": \"no.such.Layer\"}}]}");
        oneLine(() -> user(file, 4, 3)).hasMessageContaining("model.path").hasMessageContaining("not a valid DL4J configuration");
    }

    @Test
    void userModelDisagreesWithSpec() throws IOException {
        String json = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4)).build().toJson();
        Path file = Files.writeString(dir.resolve("model.json"), json);
        oneLine(() -> user(file, 4, 5)).hasMessageContaining("model.classes is 5");
        oneLine(() -> user(file, 7, 3)).hasMessageContaining("model.inputShape [7]");
    }

    @Test
    void userInputShapeOfAnotherRank() throws IOException {
        Path file = Files.writeString(dir.resolve("model.json"), "{}");
        oneLine(() -> Replicas.create(ModelSpec.user(file.toString(), new int[] {3, 4}, 3, Map.of()), Optimizer.SGD, 0.1, 1))
                .hasMessageContaining("model.inputShape");
    }

    private static void user(Path path, int features, int classes) {
        Replicas.create(ModelSpec.user(path.toString(), new int[] {features}, classes, Map.of()), Optimizer.SGD, 0.1, 1).close();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> oneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
