package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.job.JobSpec;
import dev.gantry.job.JobSpecReader;
import dev.gantry.placement.Amounts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a run prints about its workers comes from the job's one settings value, the one the
 * backend obeys: a user's {@code spark.executor.resource.gpu.amount} over
 * {@code resources.gpusPerWorker} is what the start line and the dry-run plan say.
 */
class JobSettingsOutputTest {
    private static final Path GPU_JOB = Path.of("..", "..", "examples", "jobs", "digits-tensorflow-mlp.yaml");

    private static JobSpec spec(String... sets) {
        return new JobSpecReader().read(GPU_JOB, List.of(sets));
    }

    private static String dryRun(JobSpec spec) {
        AgentView agent = new AgentView("S0", "gpu-0", new Amounts(8, 16384, 4), new Amounts(8, 16384, 4), "H100", Map.of());
        ClusterView cluster = new ClusterView("mesos://m:5050", false, false, List.of(agent));
        StringWriter text = new StringWriter();
        DryRun.print(new PrintWriter(text), cluster, spec.settings(), spec.resources().workers());
        return text.toString();
    }

    @Test
    void theStartLineAndThePlanSayTheSpecsGpus() {
        JobSpec spec = spec("resources.gpusPerWorker=1");

        assertThat(JobRun.startLine(spec, spec.settings())).contains("2 worker(s) x 1 GPU(s)");
        assertThat(dryRun(spec)).contains("(binpack)", "worker 0 -> agent S0 (gpu-0, H100): 1 CPU, 1408 MB, 1 GPU\n",
                "worker 1 -> agent S0 (gpu-0, H100): 1 CPU, 1408 MB, 1 GPU\n");
    }

    @Test
    void aUsersSparkGpuAmountIsWhatTheStartLineAndThePlanSay() {
        JobSpec spec = spec("resources.gpusPerWorker=1", "spark.spark.executor.resource.gpu.amount=2");

        assertThat(JobRun.startLine(spec, spec.settings())).contains("2 worker(s) x 2 GPU(s)");
        assertThat(dryRun(spec)).contains("worker 0 -> agent S0 (gpu-0, H100): 1 CPU, 1408 MB, 2 GPUs\n",
                "worker 1 -> agent S0 (gpu-0, H100): 1 CPU, 1408 MB, 2 GPUs\n");
    }
}
