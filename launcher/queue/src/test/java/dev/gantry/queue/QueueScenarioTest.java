package dev.gantry.queue;

import static dev.gantry.queue.Fixtures.HOUR;
import static dev.gantry.queue.Fixtures.MINUTE;
import static dev.gantry.queue.Fixtures.agent;
import static dev.gantry.queue.Fixtures.job;
import static dev.gantry.queue.Fixtures.reason;
import static dev.gantry.queue.Fixtures.running;
import static dev.gantry.queue.Fixtures.state;
import static dev.gantry.queue.Fixtures.teams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.placement.AttributeConstraint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decisions worked out by hand, one rule each. */
class QueueScenarioTest {
    private static final long NOW = 100 * HOUR;
    private final QueuePolicy fifo = QueuePolicy.named("fifo");
    private final QueuePolicy fair = QueuePolicy.named("fair-share");

    @Test
    void fifoKeepsAgentsForTheHeadAndBackfillsAroundThem() {
        // a: 8 free, b: 4 free, c: 1 free, d: none free.
        QueuedJob b4 = job("b4", "ml", 1, 4, 0);
        QueuedJob c7 = job("c7", "ml", 1, 7, 0);
        QueuedJob d8 = job("d8", "ml", 1, 8, 0);
        List<RunningJob> running = List.of(running(b4, NOW - HOUR, "b", 1), running(c7, NOW - HOUR, "c", 1),
                running(d8, NOW - HOUR, "d", 1));
        QueuedJob head = job("head", "ml", 2, 8, 1);
        QueuedJob small = job("small", "ml", 1, 1, 2);
        QueuedJob four = job("four", "ml", 1, 4, 3);
        QueuedJob big = job("big", "ml", 3, 8, 4);
        QueueDecision decision = fifo.decide(state(NOW, teams("ml", 1), List.of(big, four, small, head), running,
                List.of(agent("a", 8), agent("b", 8), agent("c", 8), agent("d", 8))));

        assertThat(decision.starts()).containsExactly(new JobStart(small, Map.of("c", 1), true));
        assertThat(reason(decision, "head")).isEqualTo(WaitReason.HEAD_WAITING_FOR_ROOM);
        assertThat(decision.waitingJob("head").orElseThrow().detail())
                .isEqualTo("1 of its 2 workers of 32 CPUs, 131072 MB, 8 GPUs fit now; agents a, b are kept for it");
        // It would fit on b, but b is kept for the head: starting it could delay the head.
        assertThat(reason(decision, "four")).isEqualTo(WaitReason.BEHIND_HEAD);
        assertThat(reason(decision, "big")).isEqualTo(WaitReason.GANG_DOES_NOT_FIT);
        assertThat(decision.waiting()).extracting(w -> w.job().id()).containsExactly("head", "four", "big");
        assertThat(decision.preemptions()).isEmpty();
    }

    @Test
    void aGangStartsWholeAcrossAgentsOrNotAtAll() {
        QueuedJob gang = job("gang", "ml", 3, 4, 0);
        QueueDecision decision = fifo.decide(state(NOW, teams("ml", 1), List.of(gang), List.of(),
                List.of(agent("a", 8), agent("b", 4))));
        assertThat(decision.starts()).containsExactly(new JobStart(gang, Map.of("a", 2, "b", 1), false));

        QueuedJob taken = job("taken", "ml", 1, 4, 0);
        QueueDecision partly = fifo.decide(state(NOW, teams("ml", 1), List.of(gang),
                List.of(running(taken, NOW, "b", 1)), List.of(agent("a", 8), agent("b", 4))));
        assertThat(partly.starts()).isEmpty();
        assertThat(reason(partly, "gang")).isEqualTo(WaitReason.HEAD_WAITING_FOR_ROOM);
    }

    @Test
    void aTeamAtItsCapWaitsWhileOthersStart() {
        List<TeamShare> teams = List.of(TeamShare.of("vision", 1).withCap(8), TeamShare.of("nlp", 1));
        QueuedJob held = job("held", "vision", 1, 6, 0);
        QueuedJob more = job("more", "vision", 1, 4, 1);
        QueuedJob other = job("other", "nlp", 1, 4, 2);
        QueueDecision decision = fair.decide(state(NOW, teams, List.of(more, other),
                List.of(running(held, NOW - HOUR, "a", 1)), List.of(agent("a", 8), agent("b", 8))));
        assertThat(decision.starts()).extracting(s -> s.job().id()).containsExactly("other");
        assertThat(decision.waitingJob("more").orElseThrow())
                .isEqualTo(new WaitingJob(more, WaitReason.OVER_TEAM_CAP, "team vision holds 6 of its 8-GPU cap"));
    }

    @Test
    void aTeamOverItsLoweredCapHasResumableJobsPreempted() {
        List<TeamShare> teams = List.of(TeamShare.of("vision", 1).withCap(8));
        RunningJob first = running(job("first", "vision", 1, 8, 0), NOW - 2 * HOUR, "a", 1);
        RunningJob second = running(job("second", "vision", 1, 8, 0), NOW - HOUR, "b", 1);
        QueueDecision decision = fifo.decide(state(NOW, teams, List.of(), List.of(first, second),
                List.of(agent("a", 8), agent("b", 8))));
        assertThat(decision.preemptions()).containsExactly(new Preemption(second, PreemptReason.OVER_TEAM_CAP, "",
                "team vision holds 16 GPUs, over its cap of 8"));
    }

    @Test
    void aJobTheClusterCannotHoldWaitsWithoutBlockingOthers() {
        QueuedJob huge = job("huge", "ml", 3, 8, 0);
        QueuedJob h100 = job("h100", "ml", 1, 1, 1).withConstraints(List.of(AttributeConstraint.oneOf("gpu_model", "H100")));
        QueuedJob small = job("small", "ml", 1, 1, 2);
        QueueDecision decision = fifo.decide(state(NOW, teams("ml", 1), List.of(huge, h100, small), List.of(),
                List.of(agent("a", 8, Map.of("gpu_model", "A100")), agent("b", 8, Map.of("gpu_model", "A100")))));
        assertThat(decision.starts()).extracting(s -> s.job().id()).containsExactly("small");
        assertThat(decision.starts().get(0).backfilled()).isFalse();
        assertThat(decision.waitingJob("huge").orElseThrow().detail())
                .isEqualTo("the empty cluster holds 2 of its 3 workers of 32 CPUs, 131072 MB, 8 GPUs at once");
        assertThat(decision.waitingJob("h100").orElseThrow().detail())
                .startsWith("no agent of the cluster meets the constraint gpu_model is H100");
    }

    @Test
    void fairSharePreemptsAnOverShareJobForATeamBelowItsShare() {
        RunningJob older = running(job("older", "nlp", 1, 8, 0), NOW - 3 * HOUR, "a", 1);
        RunningJob newer = running(job("newer", "nlp", 1, 8, 0), NOW - 2 * HOUR, "b", 1);
        QueuedJob vision = job("vision-1", "vision", 1, 8, NOW - MINUTE);
        QueueState state = state(NOW, teams("nlp", 1, "vision", 1), List.of(vision), List.of(older, newer),
                List.of(agent("a", 8), agent("b", 8)));
        assertThat(FairShare.entitlements(state)).containsEntry("nlp", 8.0).containsEntry("vision", 8.0);

        QueueDecision decision = fair.decide(state);
        assertThat(decision.preemptions()).containsExactly(new Preemption(newer, PreemptReason.OVER_SHARE, "vision-1",
                "team nlp holds 16 GPUs, over its share of 8.0, while job vision-1 of team vision (holding 0 of its "
                        + "share of 8.0) waits"));
        assertThat(decision.starts()).isEmpty();
        assertThat(decision.waitingJob("vision-1").orElseThrow())
                .isEqualTo(new WaitingJob(vision, WaitReason.WAITING_FOR_PREEMPTION,
                        "waits for job newer to checkpoint and stop; what it needs is kept for it"));

        // Once the service has stopped it and requeued it, the job starts where it ran.
        QueuedJob requeued = newer.job().requeued(NOW + MINUTE, newer.attainedGpuSeconds(NOW + MINUTE));
        QueueDecision next = fair.decide(state(NOW + MINUTE, teams("nlp", 1, "vision", 1), List.of(requeued, vision),
                List.of(older), List.of(agent("a", 8), agent("b", 8))));
        assertThat(next.starts()).containsExactly(new JobStart(vision, Map.of("b", 1), false));
        assertThat(reason(next, "newer")).isEqualTo(WaitReason.HEAD_WAITING_FOR_ROOM);
        assertThat(next.preemptions()).isEmpty();
    }

    @Test
    void fifoAndFairShareNeverPreemptAJobThatCannotResume() {
        RunningJob older = running(job("older", "nlp", 1, 8, 0).withResumable(false), NOW - 3 * HOUR, "a", 1);
        RunningJob newer = running(job("newer", "nlp", 1, 8, 0).withResumable(false), NOW - 2 * HOUR, "b", 1);
        QueueState state = state(NOW, teams("nlp", 1, "vision", 1), List.of(job("vision-1", "vision", 1, 8, NOW)),
                List.of(older, newer), List.of(agent("a", 8), agent("b", 8)));
        for (QueuePolicy policy : List.of(fifo, fair)) {
            QueueDecision decision = policy.decide(state);
            assertThat(decision.preemptions()).isEmpty();
            assertThat(reason(decision, "vision-1")).isEqualTo(WaitReason.HEAD_WAITING_FOR_ROOM);
        }
        assertThatThrownBy(() -> new Preemption(newer, PreemptReason.OVER_SHARE, "vision-1", "no"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot resume");
    }

    @Test
    void aShortJobPreemptsALongServedJobOfItsTeamAfterItsMinimumRun() {
        RunningJob longServed = running(job("long", "ml", 1, 8, 0), NOW - 2 * HOUR, "a", 1);
        RunningJob justStarted = running(job("fresh", "ml", 1, 8, 0), NOW - 5 * MINUTE, "b", 1);
        QueuedJob shortJob = job("short", "ml", 1, 2, NOW - MINUTE);
        QueueDecision decision = fair.decide(state(NOW, teams("ml", 1), List.of(shortJob),
                List.of(longServed, justStarted), List.of(agent("a", 8), agent("b", 8))));
        // long has attained 16 GPU-hours (queue 2); fresh only 0.67 (queue 0) and ran 5 of its 10 minutes.
        assertThat(decision.preemptions()).containsExactly(new Preemption(longServed,
                PreemptReason.LESS_ATTAINED_SERVICE, "short",
                "job short of the same team has attained 0.00 GPU-hours (queue 0), this job 16.00 (queue 2)"));
    }

    @Test
    void aStarvedJobKeepsTheSameAgentsUntilItStarts() {
        // a and b run jobs that cannot resume, c one that ran only five of its ten minutes.
        RunningJob pinnedA = running(job("pinned-a", "nlp", 1, 4, 0).withResumable(false), NOW - HOUR, "a", 1);
        RunningJob pinnedB = running(job("pinned-b", "nlp", 1, 4, 0).withResumable(false), NOW - HOUR, "b", 1);
        RunningJob fresh = running(job("fresh", "nlp", 1, 4, 0), NOW - 5 * MINUTE, "c", 1);
        QueuedJob starved = job("starved", "vision", 2, 8, NOW - 25 * HOUR);
        QueuedJob small = job("small", "nlp", 1, 1, NOW - HOUR);
        QueuedJob four = job("four", "nlp", 1, 4, NOW - HOUR);
        List<AgentResources> agents = List.of(agent("c", 8), agent("b", 8), agent("a", 8));
        QueueDecision decision = fair.decide(state(NOW, teams("nlp", 1, "vision", 1), List.of(small, four, starved),
                List.of(pinnedA, pinnedB, fresh), agents));

        assertThat(decision.preemptions()).isEmpty();
        assertThat(decision.waitingJob("starved").orElseThrow().detail()).isEqualTo("0 of its 2 workers of 32 CPUs, "
                + "131072 MB, 8 GPUs fit now; agents a, b are kept for it, the same ones until it starts: it waited "
                + "past the starvation limit");
        // Both nlp jobs are over nlp's share (12 of the 24 GPUs, all held): the tie goes by id.
        assertThat(decision.starts()).containsExactly(new JobStart(four, Map.of("c", 1), true));
        assertThat(reason(decision, "small")).isEqualTo(WaitReason.BEHIND_HEAD);

        // Five minutes later c's first job may be preempted, but a and b stay kept: they hold the gang once empty.
        QueueDecision later = fair.decide(state(NOW + 5 * MINUTE, teams("nlp", 1, "vision", 1), List.of(small, starved),
                List.of(pinnedA, pinnedB, fresh, running(four, NOW, "c", 1)), agents));
        assertThat(later.preemptions()).isEmpty();
        assertThat(later.waitingJob("starved").orElseThrow().detail()).contains("agents a, b are kept for it");
    }

    @Test
    void fairShareStartsTheTeamFurthestBelowItsShareFirst() {
        RunningJob nlp = running(job("nlp-0", "nlp", 1, 4, 0), NOW - HOUR, "a", 1);
        QueuedJob nlpNext = job("nlp-1", "nlp", 1, 4, NOW - 2 * HOUR);
        QueuedJob visionNext = job("vision-1", "vision", 1, 4, NOW - MINUTE);
        QueueDecision fairly = fair.decide(state(NOW, teams("nlp", 1, "vision", 1), List.of(nlpNext, visionNext),
                List.of(nlp), List.of(agent("a", 8))));
        assertThat(fairly.starts()).extracting(s -> s.job().id()).containsExactly("vision-1");
        QueueDecision inOrder = fifo.decide(state(NOW, teams("nlp", 1, "vision", 1), List.of(nlpNext, visionNext),
                List.of(nlp), List.of(agent("a", 8))));
        assertThat(inOrder.starts()).extracting(s -> s.job().id()).containsExactly("nlp-1");
    }

    @Test
    void shortestFirstStartsTheLeastRemainingServiceAndPreemptsLongerJobs() {
        Map<String, Double> remaining = Map.of("long", 36_000.0, "short", 600.0, "medium", 3_600.0);
        QueuePolicy oracle = new ShortestFirst(remaining::get, 10 * MINUTE);
        RunningJob longJob = running(job("long", "ml", 1, 8, 0), NOW - HOUR, "a", 1);
        QueueDecision decision = oracle.decide(state(NOW, teams("ml", 1),
                List.of(job("medium", "ml", 1, 8, 0), job("short", "ml", 1, 8, 1)), List.of(longJob),
                List.of(agent("a", 8))));
        assertThat(decision.preemptions()).extracting(Preemption::reason, Preemption::forJobId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PreemptReason.SHORTER_JOB, "short"));
        assertThat(decision.waiting()).extracting(w -> w.job().id()).containsExactly("short", "medium");
    }

    @Test
    void higherPriorityComesFirstAndPreemptsUnderFairShare() {
        RunningJob low = running(job("low", "ml", 1, 8, 0), NOW - HOUR, "a", 1);
        QueuedJob urgent = job("urgent", "ml", 1, 8, NOW).withPriority(10);
        QueueDecision decision = fair.decide(state(NOW, teams("ml", 1), List.of(urgent), List.of(low),
                List.of(agent("a", 8))));
        assertThat(decision.preemptions()).extracting(Preemption::reason).containsExactly(PreemptReason.LOWER_PRIORITY);
    }

    @Test
    void policiesAreNamedInTheServiceConfiguration() {
        assertThat(QueuePolicy.named(" FIFO ").name()).isEqualTo("fifo");
        assertThat(QueuePolicy.named("fair-share")).isInstanceOf(FairShare.class);
        assertThatThrownBy(() -> QueuePolicy.named("lottery")).hasMessageContaining("fifo or fair-share");
    }
}
