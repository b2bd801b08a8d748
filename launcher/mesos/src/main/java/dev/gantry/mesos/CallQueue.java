package dev.gantry.mesos;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Sends one framework's calls to the master one at a time, in the order they were made. Each call
 * goes on its own connection, so calls sent together could reach the master in any order: a
 * SUPPRESS overtaken by the REVIVE after it would leave the framework without offers. The next
 * call starts when the master has answered the one before, from the thread that saw the answer,
 * so no caller ever waits.
 */
final class CallQueue {
    private final Object lock = new Object();
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    /**
     * Queues {@code send}, which starts one call and returns its answer.
     *
     * @return completes as that answer does; completing it does not release the next call early
     */
    CompletableFuture<Void> submit(Supplier<CompletableFuture<Void>> send) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (lock) {
            previous = last;
            last = answered;
        }
        // A failed call releases the next one as an accepted call does.
        previous.whenComplete((ignored, failure) -> start(send, answered));
        return answered.copy();
    }

    private static void start(Supplier<CompletableFuture<Void>> send, CompletableFuture<Void> answered) {
        CompletableFuture<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            answered.completeExceptionally(e);
            return;
        }
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                answered.completeExceptionally(failure);
            } else {
                answered.complete(ok);
            }
        });
    }
}
