package dev.gantry.benchmarks.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gantry.queue.TeamShare;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueSimulationTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    /** Four agents for three days at 80% load: a few hundred jobs, some of them gangs of up to 32 GPUs. */
    private static WorkloadGenerator.Settings small() {
        return WorkloadGenerator.Settings.defaults(7).withSize(4, 3).withLoad(0.8);
    }

    @Test
    void everyPolicyFinishesEveryJobOfTheSameWorkloadWithinTheClustersBounds() {
        WorkloadGenerator.Workload workload = WorkloadGenerator.generate(small());
        assertThat(workload.jobs()).hasSizeGreaterThan(50);
        List<TeamShare> shares = workload.settings().teams().stream().map(TeamSpec::share).toList();
        double work = workload.jobs().stream().mapToDouble(j -> j.gpus() * j.durationSeconds()).sum();
        for (Map.Entry<String, QueueSimulation.PolicyFactory> policy : QueueSimulator.policies().entrySet()) {
            QueueSimulation.Run run = new QueueSimulation(4, shares, QueueSimulation.Settings.DEFAULT)
                    .run(policy.getValue(), workload.jobs(), workload.periodMillis());

            assertThat(run.policy()).isEqualTo(policy.getKey());
            assertThat(run.outcomes()).extracting(QueueSimulation.Outcome::job).containsExactlyElementsOf(workload.jobs());
            for (QueueSimulation.Outcome outcome : run.outcomes()) {
                assertThat(outcome.firstStartMillis()).isGreaterThanOrEqualTo(outcome.job().submitMillis());
                assertThat(outcome.finishMillis()).as("%s finishes", outcome.job().id())
                        .isGreaterThanOrEqualTo(outcome.firstStartMillis() + outcome.job().durationMillis());
                if (!outcome.job().resumable()) {
                    assertThat(outcome.preemptions()).isZero();
                }
            }
            RunSummary summary = RunSummary.of(run, workload.settings().teams());
            assertThat(summary.utilization()).isPositive().isLessThanOrEqualTo(1.0);
            assertThat(summary.utilizationInPeriod()).isPositive().isLessThanOrEqualTo(1.0);
            assertThat(summary.goodput()).isPositive().isLessThanOrEqualTo(1.0);
            // Every job's work was done once, and what preemption lost was done again.
            assertThat(run.allocatedGpuSeconds()).isCloseTo(work + summary.lostGpuHours() * 3600, within(1.0));
            assertThat(summary.mostGpusByTeam().getOrDefault("nlp", 0)).isLessThanOrEqualTo(160);
        }
    }

    @Test
    void theSameSettingsGiveTheSameWorkloadAndResults() {
        assertThat(WorkloadGenerator.generate(small()).jobs()).isEqualTo(WorkloadGenerator.generate(small()).jobs());
        assertThat(WorkloadGenerator.generate(small().withSeed(8)).jobs())
                .isNotEqualTo(WorkloadGenerator.generate(small()).jobs());
        QueueResults.WorkloadResult first = QueueSimulator.simulate(small(), QueueSimulation.Settings.DEFAULT);
        QueueResults.WorkloadResult again = QueueSimulator.simulate(small(), QueueSimulation.Settings.DEFAULT);
        assertThat(again.policies()).isEqualTo(first.policies());
        assertThat(first.policies()).extracting(p -> p.shared().jobs()).containsOnly(first.workload().jobs().size());
        assertThat(QueueResults.table(first)).contains("| fifo |", "| fair-share |", "| shortest-first |");
        assertThat(QueueResults.csv(List.of(first))).hasSize(1 + 3 * 5);
    }

    /**
     * One agent; a ten-hour eight-GPU job, then a ten-minute one-GPU job two hours in. FIFO makes the
     * short job wait eight hours. Fair share preempts the long job (queue 2 after 10 GPU-hours, the
     * short one in queue 0): it loses the minute past its last half-hour checkpoint, the short job
     * runs at once, and the long job resumes after it, a minute of restoring later.
     */
    @Test
    void fairSharePreemptsALongJobForAShortOneAtTheCostOfWorkPastItsCheckpoint() {
        List<SimJob> jobs = List.of(
                new SimJob(0, "long", "ml", "u", 0, 1, SimJob.workerOf(8), 10 * 3600, true),
                new SimJob(1, "short", "ml", "u", 2 * HOUR + MINUTE, 1, SimJob.workerOf(1), 10 * 60, true));
        List<TeamShare> teams = List.of(TeamShare.of("ml", 1));
        QueueSimulation cluster = new QueueSimulation(1, teams, QueueSimulation.Settings.DEFAULT);

        QueueSimulation.Run fifo = cluster.run(QueueSimulator.policies().get("fifo"), jobs, 24 * HOUR);
        assertThat(fifo.outcomes().get(0).finishMillis()).isEqualTo(10 * HOUR);
        assertThat(fifo.outcomes().get(1).completionMillis()).isEqualTo(8 * HOUR + 9 * MINUTE);

        QueueSimulation.Run fair = cluster.run(QueueSimulator.policies().get("fair-share"), jobs, 24 * HOUR);
        QueueSimulation.Outcome longJob = fair.outcomes().get(0);
        assertThat(fair.outcomes().get(1).completionMillis()).isEqualTo(10 * MINUTE);
        assertThat(longJob.preemptions()).isEqualTo(1);
        assertThat(longJob.lostGpuSeconds()).isEqualTo(8 * 60 + 8 * 60);
        assertThat(longJob.finishMillis()).isEqualTo(2 * HOUR + 11 * MINUTE + MINUTE + 8 * HOUR);
    }

    @Test
    void runTimesFollowThePublishedDistributions() {
        assertThat(DurationModel.PHILLY.quantile(0.5)).isEqualTo(1_186, within(1.0));
        assertThat(DurationModel.PHILLY.meanSeconds() / 3600).isBetween(3.5, 4.6);
        assertThat(DurationModel.PAI.quantile(0.5)).isBetween(500.0, 520.0);
        assertThat(SizeModel.meanGpus()).isCloseTo(2.197, within(0.001));
        WorkloadGenerator.Workload month = WorkloadGenerator.generate(WorkloadGenerator.Settings.defaults(1));
        long single = month.jobs().stream().filter(j -> j.gpus() == 1).count();
        assertThat((double) single / month.jobs().size()).isCloseTo(0.823, within(0.02));
        assertThat(month.offeredLoad()).isBetween(0.5, 1.5);
    }
}
