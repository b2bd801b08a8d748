package dev.gantry.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubscriptionStateTest {
    private final SubscriptionState state = new SubscriptionState("zk://zk1:2181/mesos", null,
            FrameworkInfos.builder("wake").build(), List.of());

    @Test
    void aWakeEndsTheBackoffAndIsSpentByIt() throws Exception {
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return state.awaitStop(Duration.ofHours(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // Woken before or during the wait, the result is the same: the wait ends reporting the wake.
        state.wake();
        assertThat(waited.get(1, TimeUnit.MINUTES)).isTrue();
        assertThat(state.awaitStop(Duration.ofMillis(1))).as("the wake was used up").isFalse();
    }

    @Test
    void withoutAWakeTheFullDelayPasses() throws Exception {
        assertThat(state.awaitStop(Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aDetectedLeaderIsUnknownUntilNamed() {
        assertThat(state.leader()).isNull();
        state.leader(URI.create("http://127.0.0.1:5050/api/v1/scheduler"));
        assertThat(state.leader()).isEqualTo(URI.create("http://127.0.0.1:5050/api/v1/scheduler"));
    }
}
