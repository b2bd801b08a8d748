package dev.gantry.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** One decision of each policy on random states ({@link RandomStates}): the rules no decision may break. */
class QueuePolicyProperties {
    static final long MINIMUM_RUN = 10 * Fixtures.MINUTE;

    /** Fair share with limits small enough that the random states reach every queue and starve jobs. */
    static final FairShare EAGER_FAIR_SHARE = new FairShare(new FairShare.Config(List.of(1_800.0, 7_200.0),
            6 * Fixtures.HOUR, MINIMUM_RUN));

    @Provide
    Arbitrary<QueueState> states() {
        return Arbitraries.longs().map(RandomStates::state);
    }

    @Provide
    Arbitrary<QueuePolicy> policies() {
        // The oracle's durations are arbitrary but fixed per job.
        ShortestFirst shortest = new ShortestFirst(id -> 60.0 + Math.floorMod(id.hashCode(), 36_000), MINIMUM_RUN);
        return Arbitraries.of(new Fifo(), new FairShare(), EAGER_FAIR_SHARE, shortest);
    }

    @Property(tries = 400)
    void noResourceIsPromisedTwice(@ForAll("states") QueueState state, @ForAll("policies") QueuePolicy policy) {
        DecisionChecks.nothingPromisedTwice(state, policy.decide(state));
    }

    @Property(tries = 400)
    void everyQueuedJobIsAnsweredOnceAndGangsStartWhole(@ForAll("states") QueueState state,
                                                        @ForAll("policies") QueuePolicy policy) {
        DecisionChecks.eachQueuedJobAnsweredOnce(state, policy.decide(state));
    }

    @Property(tries = 400)
    void capsAreNeverExceeded(@ForAll("states") QueueState state, @ForAll("policies") QueuePolicy policy) {
        DecisionChecks.capsHold(state, policy.decide(state));
    }

    @Property(tries = 400)
    void onlyResumableJobsArePreemptedAndForAWaitingJob(@ForAll("states") QueueState state,
                                                       @ForAll("policies") QueuePolicy policy) {
        DecisionChecks.preemptionsAreOfResumableJobsForAReason(state, policy.decide(state), MINIMUM_RUN);
    }

    /** FIFO never preempts, but for a team over its cap. */
    @Property(tries = 200)
    void fifoPreemptsOnlyForCaps(@ForAll("states") QueueState state) {
        assertThat(new Fifo().decide(state).preemptions()).allMatch(p -> p.reason() == PreemptReason.OVER_TEAM_CAP);
    }

    /** The same state gives the same decision, in whatever order its lists come. */
    @Property(tries = 300)
    void theSameStateGivesTheSameDecision(@ForAll("states") QueueState state, @ForAll("policies") QueuePolicy policy) {
        QueueDecision first = policy.decide(state);
        assertThat(policy.decide(state)).isEqualTo(first);
        Random random = new Random(state.waiting().size() * 31L + state.running().size());
        List<QueuedJob> waiting = new ArrayList<>(state.waiting());
        List<RunningJob> running = new ArrayList<>(state.running());
        List<AgentResources> agents = new ArrayList<>(state.agents());
        List<TeamShare> teams = new ArrayList<>(state.teams());
        Collections.shuffle(waiting, random);
        Collections.shuffle(running, random);
        Collections.shuffle(agents, random);
        Collections.shuffle(teams, random);
        QueueState shuffled = new QueueState(state.nowMillis(), teams, waiting, running, agents);
        assertThat(policy.decide(shuffled)).isEqualTo(first);
    }
}
