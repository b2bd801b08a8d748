package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.TrainConfig;
import dev.gantry.training.TrainConfig.SyncMode;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.backend.ModelSpec;
import dev.gantry.training.backend.Optimizer;
import dev.gantry.training.data.DataSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobSpecTest {

    @Test
    void aFullSpecBindsEveryField() {
        JobSpec spec = Specs.read(Specs.FULL);

        assertThat(spec.name()).isEqualTo("full-example");
        assertThat(spec.framework()).isEqualTo(Framework.DL4J);
        assertThat(spec.model()).isEqualTo(new ModelSection(ModelSpec.Kind.CNN, List.of(28, 28, 1), 10,
                List.of(64, 32), List.of(8, 16), null, Map.of()));
        assertThat(spec.data().options()).containsExactly(Map.entry("label", "digit"), Map.entry("header", "true"));
        assertThat(spec.training()).isEqualTo(new TrainingSection(7, 128, 0.05, Optimizer.MOMENTUM, SyncMode.AVERAGING,
                4, 100, 9L, false, 1000L, 2, true));
        assertThat(spec.resources()).isEqualTo(new ResourcesSection(4, 2, 3, "6g", Placement.SPREAD,
                Map.of("gpu_model", "H100,A100", "gpu_memory_mb", "40960"), "90s"));
        assertThat(spec.spark()).containsExactly(Map.entry("spark.executor.memory", "8g"), Map.entry("spark.mesos.role", "ml"));
        assertThat(spec.output().directory()).isEqualTo("/tmp/runs/full");
        assertThat(spec.masterUrl()).contains("mesos://master.example:5050");
    }

    @Test
    void aFullSpecWrittenBackReadsToAnEqualSpec() {
        JobSpec spec = Specs.read(Specs.FULL);

        String written = JobSpecYaml.write(spec);

        assertThat(Specs.read(written)).isEqualTo(spec);
        assertThat(written).contains("framework: dl4j", "optimizer: momentum", "placement: spread");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+0", "0x1F", "0o17", "1:20", "1_000", ".inf", "-.NaN", "yes", "off", "~", "null", "2026-11-24"})
    void sparkTextThatYamlWouldReadAsAnotherTypeIsQuotedOnWrite(String text) {
        JobSpec spec = Specs.read(Specs.MINIMAL, "spark.spark.some.key=" + text);

        assertThat(Specs.read(JobSpecYaml.write(spec)).spark()).containsEntry("spark.some.key", text);
    }

    @Test
    void aMinimalSpecTakesTheDefaults() {
        JobSpec spec = Specs.read(Specs.MINIMAL);

        assertThat(spec.training()).isEqualTo(TrainingSection.defaults());
        assertThat(spec.toTrainingJob().config()).as("one thread per CPU of the worker")
                .isEqualTo(TrainConfig.defaults().withThreads(1));
        assertThat(spec.resources()).isEqualTo(new ResourcesSection(1, 0, 1, "2g", Placement.BINPACK, Map.of(), "2m"));
        assertThat(spec.model().hidden()).containsExactly(128);
        assertThat(spec.model().convFilters()).isEmpty();
        assertThat(spec.data().options()).isEmpty();
        assertThat(spec.data().validation()).isNull();
        assertThat(spec.spark()).isEmpty();
        assertThat(spec.output().directory()).isEqualTo("runs/digits");
        assertThat(spec.masterUrl()).isEmpty();
    }

    @Test
    void aCnnWithoutLayersGetsTwoConvolutionsAndOneDenseLayer() {
        JobSpec spec = Specs.read(Specs.MINIMAL, "model.kind=cnn", "model.inputShape=[28, 28, 1]");

        assertThat(spec.model().convFilters()).containsExactly(32, 64);
        assertThat(spec.model().hidden()).containsExactly(128);
    }

    @Test
    void aSingleInputSizeNeedsNoBrackets() {
        assertThat(Specs.read(Specs.MINIMAL.replace("inputShape: [784]", "inputShape: 784")).model().inputShape())
                .containsExactly(784);
    }

    @Test
    void convertsToTheTrainingJobWithOneReplicaPerWorker() {
        TrainingJob job = Specs.read(Specs.FULL).toTrainingJob();

        assertThat(job.name()).isEqualTo("full-example");
        assertThat(job.framework()).isEqualTo("dl4j");
        assertThat(job.model()).isEqualTo(ModelSpec.cnn(28, 28, 1, List.of(8, 16), List.of(64, 32), 10));
        assertThat(job.config()).isEqualTo(new TrainConfig(7, 128, 0.05, Optimizer.MOMENTUM, 4, SyncMode.AVERAGING,
                4, 100, 9L, false, 1000L, 2, true));
        assertThat(job.output()).isEqualTo("/tmp/runs/full");
        assertThat(Specs.read(Specs.MINIMAL).toTrainingJob().output()).as("relative to where gantry runs, made absolute")
                .isEqualTo(java.nio.file.Path.of("runs/digits").toAbsolutePath().toString());
    }

    @Test
    void convertsTrainingAndValidationData() {
        JobSpec spec = Specs.read(Specs.FULL);

        assertThat(spec.toDataSpec()).isEqualTo(new DataSpec("csv", "data/train.csv", Map.of("label", "digit", "header", "true")));
        assertThat(spec.validationDataSpec()).contains(new DataSpec("csv", "data/test.csv", Map.of("label", "digit")));
        assertThat(Specs.read(Specs.MINIMAL).validationDataSpec()).isEmpty();
    }

    @Test
    void syntheticDataTakesItsClassesFromTheModelAndValidationItsFormatFromTheData() {
        JobSpec spec = Specs.read(Specs.MINIMAL, "model.classes=3", "data.options.examples=500",
                "data.validation.options.offset=100000");

        assertThat(spec.toDataSpec()).isEqualTo(new DataSpec("synthetic", null, Map.of("examples", "500", "classes", "3")));
        assertThat(spec.validationDataSpec())
                .contains(new DataSpec("synthetic", null, Map.of("offset", "100000", "classes", "3")));
        assertThat(Specs.read(Specs.MINIMAL, "data.options.classes=4").toDataSpec().option("classes", "?")).isEqualTo("4");
    }

    @Test
    void digitsDataFitsAnMlpOrACnnOfTwentyEightByTwentyEightPixels() {
        JobSpec mlp = Specs.read(Specs.MINIMAL, "data.format=digits", "data.options.seed=3",
                "data.validation.options.offset=1000000");
        JobSpec cnn = Specs.read(Specs.MINIMAL, "data.format=digits", "model.kind=cnn", "model.inputShape=[28, 28, 1]");

        assertThat(mlp.toDataSpec()).isEqualTo(new DataSpec("digits", null, Map.of("seed", "3")));
        assertThat(mlp.validationDataSpec()).contains(new DataSpec("digits", null, Map.of("offset", "1000000")));
        assertThat(cnn.toTrainingJob().model().featureCount()).isEqualTo(784);
    }

    @Test
    void constraintsBecomeSparkMesosConstraintsInTheOrderWritten() {
        JobSpec spec = Specs.read(Specs.MINIMAL, "resources.constraints.zone=eu-1",
                "resources.constraints.gpu_model=H100,A100", "resources.constraints.nvlink=");

        assertThat(spec.resources().constraintText()).isEqualTo("zone:eu-1;gpu_model:H100,A100;nvlink");
    }
}
