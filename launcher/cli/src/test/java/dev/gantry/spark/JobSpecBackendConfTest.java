package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.placement.Gang;
import dev.gantry.placement.PlacementPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spark configuration a job spec produces means to the backend what the spec says. */
class JobSpecBackendConfTest {
    private static final Path GPU_JOB = Path.of("..", "..", "examples", "jobs", "digits-tensorflow-mlp.yaml");

    private static MesosBackendConf backendConf(JobSpec spec) {
        return spec.settings().backend();
    }

    @Test
    void aGpuJobGetsOneExecutorPerWorkerWithItsGpusGangedAndConstrained() {
        JobSpec spec = new JobSpecReader().read(GPU_JOB, List.of("resources.workers=3", "resources.gpusPerWorker=2",
                "resources.cpusPerWorker=4", "resources.memoryPerWorker=3g", "resources.constraints.gpu_model=H100",
                "resources.gangTimeout=45s"));

        MesosBackendConf conf = backendConf(spec);

        assertThat(conf.staticExecutors()).isEqualTo(3);
        assertThat(conf.executorGpus()).isEqualTo(2);
        assertThat(conf.executorCores()).isEqualTo(4);
        assertThat(conf.executorMemoryMb()).isEqualTo(3072 + 384); // plus Spark's least overhead
        assertThat(conf.policy()).isSameAs(PlacementPolicy.BINPACK);
        assertThat(conf.gang()).contains(new Gang(45_000));
        assertThat(conf.constraints()).hasSize(1);
        assertThat(conf.dynamicAllocation()).isFalse();
    }

    @Test
    void aCpuOnlyJobAsksForNoGpus() {
        JobSpec spec = new JobSpecReader().read(GPU_JOB, List.of("resources.gpusPerWorker=0", "resources.placement=spread"));

        MesosBackendConf conf = backendConf(spec);

        assertThat(conf.executorGpus()).isZero();
        assertThat(conf.shape().usesGpus()).isFalse();
        assertThat(conf.policy()).isSameAs(PlacementPolicy.SPREAD);
    }
}
