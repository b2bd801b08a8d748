package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad spec, each with the exact one line a user sees. */
class JobSpecErrorsTest {
    @TempDir
    Path dir;

    private static void fails(String yaml, String message, String... overrides) {
        assertThatThrownBy(() -> Specs.read(yaml, overrides)).isInstanceOf(JobSpecException.class).hasMessage(message);
    }

    @Test
    void missingSpecFile() {
        Path file = dir.resolve("job.yaml");
        assertThatThrownBy(() -> new JobSpecReader().read(file))
                .isInstanceOf(JobSpecException.class).hasMessage("job spec " + file + " does not exist");
    }

    @Test
    void specFileThatIsADirectory() {
        assertThatThrownBy(() -> new JobSpecReader().read(dir))
                .isInstanceOf(JobSpecException.class).hasMessage("job spec " + dir + " is a directory, not a file");
    }

    @Test
    void specFileThatIsNotText() throws Exception {
        Path file = Files.write(dir.resolve("job.yaml"), new byte[] {(byte) 0xC3, (byte) 0x28, 'a'});
        assertThatThrownBy(() -> new JobSpecReader().read(file))
                .isInstanceOf(JobSpecException.class).hasMessage("job spec " + file + " is not UTF-8 text");
    }

    @Test
    void yamlSyntaxErrorWithLineAndColumn() {
        fails("name: digits\nframework: tensorflow\nmodel:\n  kind: mlp\n   classes: 10\n",
                "job spec job.yaml has a YAML syntax error at line 5, column 11: mapping values are not allowed here");
    }

    @Test
    void unclosedFlowSequence() {
        fails("name: digits\nmodel: {kind: mlp, inputShape: [784}\n",
                "job spec job.yaml has a YAML syntax error at line 2, column 36: expected ',' or ']', but got }");
    }

    @Test
    void duplicateField() {
        fails(Specs.MINIMAL + "name: again\n",
                "job spec job.yaml has a YAML syntax error at line 5, column 5: Duplicate field 'name'");
    }

    @Test
    void emptySpec() {
        fails("# nothing yet\n", "job spec job.yaml is empty");
    }

    @Test
    void specThatIsNotAMapping() {
        fails("- name: digits\n", "job spec job.yaml must be a YAML mapping of fields (name, framework, model, data,"
                + " training, resources, spark, output, master), not a list");
    }

    @Test
    void unknownFieldWithTheClosestKnownName() {
        fails(Specs.MINIMAL + "training: {epoch: 3}\n", "unknown field 'training.epoch' (did you mean 'epochs'?)");
    }

    @Test
    void unknownFieldSuggestsTheNameItBegins() {
        fails(Specs.MINIMAL + "resources: {gpus: 1}\n", "unknown field 'resources.gpus' (did you mean 'gpusPerWorker'?)");
    }

    @Test
    void unknownFieldWithNothingCloseListsTheKnownNames() {
        fails(Specs.MINIMAL + "colour: blue\n", "unknown field 'colour' (fields: name, framework, model, data, training,"
                + " resources, spark, output, master)");
        fails(Specs.MINIMAL + "output: {where: /tmp}\n", "unknown field 'output.where' (output has: directory)");
    }

    @Test
    void wrongTypeNamesTheFieldAndTheValue() {
        fails(Specs.MINIMAL + "training: {epochs: three}\n", "training.epochs must be a whole number, got 'three'");
        fails(Specs.MINIMAL + "training: {epochs: 2.5}\n", "training.epochs must be a whole number, got 2.5");
        fails(Specs.MINIMAL + "training: {learningRate: fast}\n", "training.learningRate must be a number, got 'fast'");
        fails(Specs.MINIMAL + "training: {shuffle: maybe}\n", "training.shuffle must be true or false, got 'maybe'");
        fails(Specs.MINIMAL + "training: 3\n", "training must be a section of fields, got 3");
        fails(Specs.MINIMAL + "spark: [a, b]\n", "spark must be a mapping of keys to values, got a list");
        fails(Specs.MINIMAL.replace("[784]", "[784, x]"), "model.inputShape[1] must be a whole number, got 'x'");
        fails(Specs.MINIMAL.replace("[784]", "[784, ~]"), "model.inputShape[1] must be a whole number, got nothing");
    }

    @Test
    void fractionalGpus() {
        fails(Specs.MINIMAL + "resources: {gpusPerWorker: 0.5}\n",
                "resources.gpusPerWorker must be a whole number of GPUs (0 for a CPU-only job), got 0.5");
    }

    @Test
    void negativeGpus() {
        fails(Specs.MINIMAL + "resources: {gpusPerWorker: -1}\n",
                "resources.gpusPerWorker must be a whole number of GPUs (0 for a CPU-only job), got -1");
    }

    @Test
    void gpusThatAreNotANumber() {
        fails(Specs.MINIMAL + "resources: {gpusPerWorker: all}\n",
                "resources.gpusPerWorker must be a whole number of GPUs (0 for a CPU-only job), got 'all'");
    }

    @Test
    void badEnumValuesListTheAllowedOnes() {
        fails(Specs.MINIMAL.replace("tensorflow", "pytorch"), "framework must be one of tensorflow, dl4j, got 'pytorch'");
        fails(Specs.MINIMAL.replace("mlp", "rnn"), "model.kind must be one of mlp, cnn, user, got 'rnn'");
        fails(Specs.MINIMAL.replace("synthetic", "tfrecord"),
                "data.format must be one of idx, csv, libsvm, parquet, synthetic, digits, got 'tfrecord'");
        fails(Specs.MINIMAL + "training: {optimizer: rmsprop}\n",
                "training.optimizer must be one of sgd, momentum, adam, got 'rmsprop'");
        fails(Specs.MINIMAL + "training: {sync: async}\n", "training.sync must be one of allreduce, averaging, got 'async'");
        fails(Specs.MINIMAL + "resources: {placement: random}\n",
                "resources.placement must be one of binpack, spread, got 'random'");
    }

    @Test
    void missingRequiredFields() {
        fails(Specs.MINIMAL.replace("name: digits\n", ""), "missing required field 'name'");
        fails(Specs.MINIMAL.replace("framework: tensorflow\n", ""), "missing required field 'framework'");
        fails(Specs.MINIMAL.replace("model: {kind: mlp, inputShape: [784], classes: 10}\n", ""),
                "missing required field 'model'");
        fails(Specs.MINIMAL.replace("data: {format: synthetic}\n", ""), "missing required field 'data'");
        fails(Specs.MINIMAL.replace(", classes: 10", ""), "missing required field 'model.classes'");
        fails(Specs.MINIMAL.replace("kind: mlp, ", ""), "missing required field 'model.kind'");
        fails(Specs.MINIMAL.replace("inputShape: [784], ", ""), "missing required field 'model.inputShape'");
        fails(Specs.MINIMAL.replace("{format: synthetic}", "{format: csv}"), "missing required field 'data.path'");
        fails(Specs.MINIMAL.replace("{format: synthetic}", "{path: a.csv}"), "missing required field 'data.format'");
        fails(Specs.MINIMAL, "model.path is required for a user-supplied model", "model.kind=user");
    }

    @Test
    void valuesTheTrainingLibraryRefuses() {
        fails(Specs.MINIMAL, "training.batchSize must be at least the number of workers (4), got 2",
                "resources.workers=4", "training.batchSize=2");
        fails(Specs.MINIMAL, "training.epochs must be at least 1, got 0", "training.epochs=0");
        fails(Specs.MINIMAL, "training.learningRate must be a positive number, got -0.1", "training.learningRate=-0.1");
        fails(Specs.MINIMAL, "model.classes must be at least 2, got 1", "model.classes=1");
        fails(Specs.MINIMAL, "model.inputShape of a cnn is [height, width, channels], got [784]", "model.kind=cnn");
        fails(Specs.MINIMAL, "name must be 1-63 letters, digits, '.', '_' or '-', got 'my job'", "name=my job");
    }

    @Test
    void settingsTheModelKindWouldIgnore() {
        fails(Specs.MINIMAL, "model.convFilters applies to cnn models only, not mlp", "model.convFilters=[8]");
        fails(Specs.MINIMAL, "model.path applies to user models only, not mlp", "model.path=model.pb");
    }

    @Test
    void badResources() {
        fails(Specs.MINIMAL, "resources.workers must be at least 1, got 0", "resources.workers=0");
        fails(Specs.MINIMAL, "resources.cpusPerWorker must be at least 1, got 0", "resources.cpusPerWorker=0");
        fails(Specs.MINIMAL, "resources.memoryPerWorker must be a size like 2g or 512m, got 'lots'",
                "resources.memoryPerWorker=lots");
        fails(Specs.MINIMAL, "resources.gangTimeout must be a duration like 2m or 90s, got 'soon'",
                "resources.gangTimeout=soon");
        fails(Specs.MINIMAL, "resources.constraints.gpu_model must not hold ';' or ':', got 'H100;zone:a'",
                "resources.constraints.gpu_model=H100;zone:a");
    }

    @Test
    void syntheticDataWithAPath() {
        fails(Specs.MINIMAL, "data.path must not be set for synthetic data, which is generated", "data.path=x.csv");
    }

    @Test
    void digitsDataForAModelThatCannotTakeIt() {
        fails(Specs.MINIMAL, "model.inputShape must be [784] or [28, 28, 1] for digits data (28 x 28 grey images), got [20]",
                "data.format=digits", "model.inputShape=[20]");
        fails(Specs.MINIMAL, "model.inputShape must be [784] or [28, 28, 1] for digits data (28 x 28 grey images), got [28, 28, 3]",
                "data.format=digits", "model.kind=cnn", "model.inputShape=[28, 28, 3]");
        fails(Specs.MINIMAL, "model.classes must be 10 for digits data (the digits 0-9), got 2",
                "data.format=digits", "model.classes=2");
        // Validation data is checked against the model too, whatever the training data is.
        fails(Specs.MINIMAL, "model.inputShape must be [784] or [28, 28, 1] for digits data (28 x 28 grey images), got [20]",
                "model.inputShape=[20]", "data.validation.format=digits");
        fails(Specs.MINIMAL, "data.path must not be set for digits data, which is generated",
                "data.format=digits", "data.path=digits.idx");
    }

    @Test
    void masterThatIsNotAMesosUrl() {
        fails(Specs.MINIMAL, "master must be a Mesos master URL like mesos://host:5050 (or absent for an embedded"
                + " cluster), got 'spark://host:7077'", "master=spark://host:7077");
    }

    @Test
    void overrideNamingNoKnownField() {
        fails(Specs.MINIMAL, "--set training.epoch=3: unknown field 'training.epoch' (did you mean 'epochs'?)",
                "training.epoch=3");
        fails(Specs.MINIMAL, "--set trainer.epochs=3: unknown field 'trainer' (did you mean 'training'?)",
                "trainer.epochs=3");
    }

    @Test
    void overrideBelowAValue() {
        fails(Specs.MINIMAL, "--set training.epochs.max=3: training.epochs is a value, not a section",
                "training.epochs.max=3");
    }

    @Test
    void overrideWithoutAValue() {
        fails(Specs.MINIMAL, "--set training.epochs: expected key=value, e.g. training.epochs=3", "training.epochs");
    }

    @Test
    void overrideWithAValueOfTheWrongType() {
        fails(Specs.MINIMAL, "training.epochs must be a whole number, got 'three'", "training.epochs=three");
        fails(Specs.MINIMAL, "resources.gpusPerWorker must be a whole number of GPUs (0 for a CPU-only job), got 0.5",
                "resources.gpusPerWorker=0.5");
    }
}
