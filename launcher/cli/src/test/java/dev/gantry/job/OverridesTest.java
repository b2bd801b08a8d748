package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Optimizer;
import org.junit.jupiter.api.Test;

class OverridesTest {

    @Test
    void nestedFieldsTakeTheirValueAsYamlWouldRead() {
        JobSpec spec = Specs.read(Specs.FULL, "training.epochs=3", "training.learningRate=1e-2",
                "training.shuffle=true", "training.optimizer=ADAM", "resources.workers=2", "resources.memoryPerWorker=512m");

        assertThat(spec.training().epochs()).isEqualTo(3);
        assertThat(spec.training().learningRate()).isEqualTo(0.01);
        assertThat(spec.training().shuffle()).isTrue();
        assertThat(spec.training().optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(spec.resources().workers()).isEqualTo(2);
        assertThat(spec.resources().memoryPerWorker()).isEqualTo("512m");
        assertThat(spec.training().batchSize()).isEqualTo(128); // untouched fields keep the file's value
    }

    @Test
    void listsAndSectionsTheFileDoesNotHave() {
        JobSpec spec = Specs.read(Specs.MINIMAL, "model.hidden=[256, 128]", "output.directory=/tmp/out",
                "master=mesos://m:5050");

        assertThat(spec.model().hidden()).containsExactly(256, 128);
        assertThat(spec.output().directory()).isEqualTo("/tmp/out");
        assertThat(spec.masterUrl()).contains("mesos://m:5050");
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        assertThat(Specs.read(Specs.FULL, "training.epochs=").training().epochs()).isEqualTo(5);
        assertThat(Specs.read(Specs.FULL, "master=~").masterUrl()).isEmpty();
    }

    @Test
    void everythingAfterAMapsNameIsOneKeyAndItsValueIsText() {
        JobSpec spec = Specs.read(Specs.MINIMAL, "spark.spark.executor.memory=3g", "spark.spark.mesos.uris=a.tgz,b.zip",
                "spark.spark.locality.wait=0", "data.options.seed=007");

        assertThat(spec.spark()).containsEntry("spark.executor.memory", "3g")
                .containsEntry("spark.mesos.uris", "a.tgz,b.zip")
                .containsEntry("spark.locality.wait", "0");
        assertThat(spec.data().options()).containsEntry("seed", "007"); // text: not read as the number 7
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertThat(Specs.read(Specs.MINIMAL, "spark.spark.executor.extraJavaOptions=-Da=b").spark())
                .containsEntry("spark.executor.extraJavaOptions", "-Da=b");
    }

    @Test
    void laterOverridesWin() {
        assertThat(Specs.read(Specs.MINIMAL, "training.epochs=2", "training.epochs=4").training().epochs()).isEqualTo(4);
    }
}
