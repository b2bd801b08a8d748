package dev.gantry.training.spark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The driver's way to stop a training run early without losing its steps: {@link #request()}
 * asks the workers to stop at the next step they all agree on, after a checkpoint of exactly
 * that step; {@link #awaitEnd} waits until {@link DistributedTrainer#train} has returned. A job
 * stopped this way ends with {@link StoppedOnRequestException}, and its next run resumes from
 * that checkpoint as from any other.
 *
 * <p>Whoever stops the run (a shutdown hook on SIGTERM) bounds its own wait: a step or a
 * checkpoint that takes too long leaves the newest checkpoint written before, as a hard stop does.
 */
public final class StopRequest {
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean requested;

    /** Asks the run to stop with a checkpoint; returns at once. Later calls change nothing. */
    public void request() {
        if (requested) {
            return;
        }
        requested = true;
        listeners.forEach(Runnable::run);
    }

    public boolean requested() {
        return requested;
    }

    /** Waits until the run has ended, stopped or not; whether it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code listener} on the request, or at once if it was made already; it may run twice. */
    void onRequest(Runnable listener) {
        listeners.add(listener);
        if (requested) {
            listener.run();
        }
    }

    void ended() {
        ended.countDown();
    }
}
