package dev.gantry.benchmarks.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobMixGeneratorTest {

    @Test
    void sameSeedAndSizeGiveTheSameJobs() {
        assertThat(new JobMixGenerator(9).generate(1_000)).isEqualTo(new JobMixGenerator(9).generate(1_000));
        assertThat(new JobMixGenerator(10).generate(1_000)).isNotEqualTo(new JobMixGenerator(9).generate(1_000));
    }

    @Test
    void theMixScalesWithTheClusterAndHasEveryKind() {
        List<Job> jobs = new JobMixGenerator(4).generate(1_000);

        assertThat(jobs).hasSize(JobMixGenerator.jobCount(1_000)).hasSize(300);
        assertThat(new JobMixGenerator(4).generate(10_000)).hasSize(3_000);
        Set<JobKind> kinds = EnumSet.noneOf(JobKind.class);
        jobs.forEach(job -> kinds.add(job.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(JobKind.values());
    }

    @Test
    void onlyTrainingIsAGangAndOnlyGpuJobsHaveConstraints() {
        List<Job> jobs = new JobMixGenerator(4).generate(2_000);

        for (Job job : jobs) {
            assertThat(job.gang()).isEqualTo(job.kind() == JobKind.GANG_TRAINING);
            assertThat(job.executors()).isBetween(job.kind().minExecutors(), job.kind().maxExecutors());
            if (!job.usesGpus()) {
                assertThat(job.constraints()).isEmpty();
            }
        }
        assertThat(jobs).filteredOn(job -> job.sparkConstraints().equals("gpu_model:H100")).isNotEmpty();
        assertThat(jobs).filteredOn(job -> job.sparkConstraints().equals("gpu_model:A100")).isNotEmpty();
    }
}
