package dev.gantry.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.metrics.TrainingGauges.JobTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The running jobs' training as a scrape shows it: known values only, gone when the job is. */
class TrainingGaugesTest {
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final List<JobTraining> jobs = new ArrayList<>();

    TrainingGaugesTest() {
        TrainingGauges.register(metrics, () -> List.copyOf(jobs));
    }

    @Test
    void eachRunningJobShowsItsThroughputLossAndStep() {
        jobs.add(new JobTraining(3, "vision", 5120.5, 0.25, 412L));
        jobs.add(new JobTraining(4, "speech", 900.0, 1.5, 10L));

        Scrape scrape = Scrape.of(metrics.scrape());
        assertThat(scrape.value("gantry_job_samples_per_second", Map.of("job_id", "3", "team", "vision")))
                .isEqualTo(5120.5);
        assertThat(scrape.value("gantry_job_loss", Map.of("job_id", "4", "team", "speech"))).isEqualTo(1.5);
        assertThat(scrape.value("gantry_job_step", Map.of("job_id", "3", "team", "vision"))).isEqualTo(412.0);
    }

    @Test
    void whatIsNotKnownOrNotANumberHasNoSeriesAndAnEndedJobDisappears() {
        jobs.add(new JobTraining(5, "vision", null, Double.NaN, 0L));

        Scrape scrape = Scrape.of(metrics.scrape());
        assertThat(scrape.series("gantry_job_samples_per_second")).isEmpty();
        assertThat(scrape.series("gantry_job_loss")).isEmpty();
        assertThat(scrape.series("gantry_job_step")).hasSize(1);

        jobs.clear();
        assertThat(Scrape.of(metrics.scrape()).series("gantry_job_step")).isEmpty();
    }
}
