package dev.gantry.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.gantry.training.backend.Batch;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.ModelSteps;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.backend.WorkerModel;
import dev.gantry.training.data.SyntheticClassification;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** An export is a plain DL4J model zip: DL4J alone restores it and predicts what the replica predicts. */
class ExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void dl4jRestoresTheExportWithTheSamePredictions(Optimizer optimizer) throws IOException {
        SyntheticClassification data = SyntheticClassification.separable(16, 4, 5);
        ModelSpec spec = ModelSpec.cnn(4, 4, 1, List.of(2), List.of(6), 4);
        try (WorkerModel model = Replicas.create(spec, optimizer, 0.05, 4)) {
            for (int step = 0; step < 3; step++) {
                ModelSteps.step(model, data.batch(step * 8L, 8));
            }
            model.export(dir);

            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.zip");
            }
            File zip = dir.resolve("model.zip").toFile();
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(zip, true);
            Batch batch = data.batch(500, 10);
            float[] expected = model.predict(batch.features(), 10);
            float[] actual = restored.output(Nd4j.create(batch.features(), new long[] {10, 4, 4, 1}, DataType.FLOAT))
                    .reshape('c', new long[] {40}).toFloatVector();
            assertThat(actual).containsExactly(expected, offset(1e-6f));
            assertThat(restored.getIterationCount()).isEqualTo(3);
            if (optimizer == Optimizer.MOMENTUM) {
                assertThat(((BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater())
                        .isEqualTo(new Nesterovs(0.05, 0.9));
                assertThat(restored.getUpdater().getStateViewArray().toFloatVector()).containsExactly(
                        ((Dl4jWorkerModel) model).network().updater().getStateViewArray().toFloatVector());
            }
        }
    }
}
