package dev.gantry.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever moves the service tries, in whatever order, the store's job is where the state machine
 * says, with one event per move that happened and one attempt per launch: a model of the job
 * walks beside the store and they are compared after every step.
 */
class JobStoreProperties {
    private static Path dataDirectory;
    private static JdbcJobStore store;
    private static long tasks;

    @BeforeContainer
    static void open() throws IOException {
        dataDirectory = Files.createTempDirectory("gantry-store-properties");
        store = JdbcJobStore.open(DatabaseConfig.embedded(dataDirectory));
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * One try of the service: from the state it believes the job is in ({@code stale}: a state
     * it read before someone else moved the job), to a target that is usually one the machine
     * allows and sometimes any state.
     */
    record Step(boolean stale, int from, int to, boolean anyTarget, boolean cancel) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(true, false, false, false),
                Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(true, false, false, false, false),
                Arbitraries.of(true, false, false, false, false, false, false, false, false, false))
                .as(Step::new);
        return step.list().ofMaxSize(15);
    }

    @Property(tries = 200)
    void theStoreFollowsTheStateMachine(@ForAll("steps") List<Step> steps) {
        Instant at = Instant.parse("2026-03-01T09:00:00Z");
        long id = store.submit(new NewJob("vision", "alice", "p", "name: p\n", 0, 1), at).id();
        JobState model = JobState.QUEUED;
        int attempts = 0;
        int events = 1;
        boolean everRan = false;
        JobState[] states = JobState.values();
        for (Step step : steps) {
            at = at.plusSeconds(1);
            if (step.cancel()) {
                Optional<Job> cancelled = store.cancel(id, at, "cancelled");
                if (model.isFinal()) {
                    assertThat(cancelled).isEmpty();
                } else if (model != JobState.CANCELLING) {
                    model = model.isWaiting() ? JobState.CANCELLED : JobState.CANCELLING;
                    events++;
                }
                assertThat(store.find(id).orElseThrow().state()).isEqualTo(model);
                continue;
            }
            JobState expected = step.stale() ? states[step.from() % states.length] : model;
            List<JobState> allowed = List.copyOf(expected.next());
            JobState target = step.anyTarget() || allowed.isEmpty() ? states[step.to() % states.length]
                    : allowed.get(step.to() % allowed.size());
            if (!expected.canMoveTo(target)) {
                JobState from = expected;
                JobState to = target;
                Instant when = at;
                assertThatThrownBy(() -> store.transition(id, from, to, when, "not allowed"))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            Optional<Job> moved = target == JobState.STARTING
                    ? store.start(id, expected, new DriverPlacement("task-" + ++tasks, "agent"), at, "launch")
                    : store.transition(id, expected, target, at, "step");
            if (expected == model) {
                assertThat(moved).map(Job::state).contains(target);
                model = target;
                events++;
                attempts += target == JobState.STARTING ? 1 : 0;
                everRan |= target == JobState.RUNNING;
            } else {
                assertThat(moved).as("a move from %s while the job is %s", expected, model).isEmpty();
            }
            Job job = store.find(id).orElseThrow();
            assertThat(job.state()).isEqualTo(model);
            assertThat(job.attempts()).isEqualTo(attempts);
            assertThat(job.finishedAt() != null).isEqualTo(model.isFinal());
            assertThat(job.startedAt() != null).isEqualTo(everRan);
        }
        List<JobEvent> history = store.events(id);
        assertThat(history).hasSize(events);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).from()).as("each event starts where the one before ended")
                    .isEqualTo(history.get(i - 1).to());
        }
        assertThat(history.get(history.size() - 1).to()).isEqualTo(model);
    }
}
