package dev.gantry.training.tensorflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad jobs and bad calls fail with one line that names the field to fix. */
class BadInputTest {
    private static final Map<String, String> NAMES = Map.of(
            "input", HandBuiltSavedModel.INPUT, "label", HandBuiltSavedModel.LABEL,
            "loss", HandBuiltSavedModel.LOSS, "output", HandBuiltSavedModel.OUTPUT);

    @TempDir
    static Path tmp;
    static Path savedModel;
    static WorkerModel mlp;

    @BeforeAll
    static void setUp() throws IOException {
        savedModel = Files.createDirectory(tmp.resolve("model"));
        HandBuiltSavedModel.write(savedModel, 20, 10);
        mlp = Replicas.create(ModelSpec.mlp(20, List.of(8), 10), Optimizer.SGD, 0.1, 1);
    }

    @AfterAll
    static void tearDown() {
        mlp.close();
    }

    @Test
    void wrongFeatureCount() {
        Batch nineteen = SyntheticClassification.separable(19, 10, 1).batch(0, 4);
        float[] gradients = new float[(int) mlp.parameterCount()];
        fails(() -> mlp.computeGradients(nineteen, gradients), "model.inputShape").hasMessageContaining("19");
        fails(() -> mlp.evaluate(nineteen), "model.inputShape");
        fails(() -> mlp.predict(new float[19 * 4], 4), "model.inputShape");
    }

    @Test
    void wrongVectorLengthsAndLabels() {
        Batch batch = SyntheticClassification.separable(20, 10, 1).batch(0, 4);
        fails(() -> mlp.computeGradients(batch, new float[3]), "gradients");
        fails(() -> mlp.applyGradients(new float[3]), "gradients");
        fails(() -> mlp.writeParameters(new float[3]), "parameters");
        Batch badLabel = new Batch(new float[20 * 2], new int[] {3, 10}, 2);
        fails(() -> mlp.evaluate(badLabel), "model.classes");
    }

    @Test
    void userModelPathMissingOrNotASavedModel() throws IOException {
        fails(() -> user(tmp.resolve("absent"), NAMES), "model.path");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        fails(() -> user(empty, NAMES), "model.path");
        Path garbage = Files.createDirectory(tmp.resolve("garbage"));
        Files.write(garbage.resolve("saved_model.pb"), new byte[] {(byte) 0xff, 0x13, 0x37, 0x00, 0x42});
        fails(() -> user(garbage, NAMES), "model.path");
        Path noVariables = Files.createDirectory(tmp.resolve("no-variables"));
        Files.copy(savedModel.resolve("saved_model.pb"), noVariables.resolve("saved_model.pb"));
        fails(() -> user(noVariables, NAMES), "model.path");
    }

    @Test
    void userModelTensorNames() {
        Map<String, String> noLoss = new HashMap<>(NAMES);
        noLoss.remove("loss");
        fails(() -> user(savedModel, noLoss), "model.names.loss");
        Map<String, String> absentOutput = new HashMap<>(NAMES);
        absentOutput.put("output", "nope");
        fails(() -> user(savedModel, absentOutput), "model.names.output").hasMessageContaining("'nope'");
        Map<String, String> badIndex = new HashMap<>(NAMES);
        badIndex.put("input", HandBuiltSavedModel.INPUT + ":3");
        fails(() -> user(savedModel, badIndex), "model.names.input");
        Map<String, String> floatLabels = new HashMap<>(NAMES);
        floatLabels.put("label", HandBuiltSavedModel.INPUT);
        fails(() -> user(savedModel, floatLabels), "model.names.label");
        fails(() -> Replicas.BACKEND.create(ModelSpec.user(savedModel.toString(), new int[] {21}, 10, NAMES),
                new dev.gantry.training.backend.TrainSettings(Optimizer.SGD, 0.1, 1), 1, List.of()), "model.inputShape");
        fails(() -> Replicas.BACKEND.create(ModelSpec.user(savedModel.toString(), new int[] {20}, 7, NAMES),
                new dev.gantry.training.backend.TrainSettings(Optimizer.SGD, 0.1, 1), 1, List.of()), "model.classes");
    }

    @Test
    void userModelsGantryCannotDrive() throws IOException {
        Path fixedBatch = Files.createDirectory(tmp.resolve("fixed-batch"));
        HandBuiltSavedModel.write(fixedBatch, 20, 10, 32, false);
        fails(() -> user(fixedBatch, NAMES), "model.names.input").hasMessageContaining("-1");
        Path sparse = Files.createDirectory(tmp.resolve("sparse-loss"));
        HandBuiltSavedModel.write(sparse, 20, 10, -1, true);
        fails(() -> user(sparse, NAMES), "model.names.loss").hasMessageContaining("SparseSoftmaxCrossEntropyWithLogits");
    }

    @Test
    void cnnTooSmallForItsPooling() {
        fails(() -> Replicas.create(ModelSpec.cnn(3, 3, 1, List.of(4, 4), List.of(), 2), Optimizer.SGD, 0.1, 1),
                "model.inputShape");
    }

    @Test
    void negativeGpuOrdinal() {
        fails(() -> Replicas.BACKEND.create(ModelSpec.mlp(4, List.of(), 2),
                new dev.gantry.training.backend.TrainSettings(Optimizer.SGD, 0.1, 1), 1, List.of(-1)), "gpus");
    }

    private static WorkerModel user(Path path, Map<String, String> names) {
        return Replicas.create(ModelSpec.user(path.toString(), new int[] {20}, 10, names), Optimizer.SGD, 0.1, 1);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable call, String field) {
        return assertThatThrownBy(call)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageNotContaining("\n");
    }
}
