package dev.gantry.service.drivers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link DriverListener} that keeps what it hears, for tests to wait on. */
final class RecordedUpdates implements DriverListener {
    final LinkedBlockingQueue<String> frameworkIds = new LinkedBlockingQueue<>();
    private final List<DriverUpdate> all = new ArrayList<>();

    @Override
    public void subscribed(String frameworkId) {
        frameworkIds.add(frameworkId);
    }

    @Override
    public synchronized void update(DriverUpdate update) {
        all.add(update);
        notifyAll();
    }

    synchronized List<DriverUpdate> of(String taskId) {
        return all.stream().filter(u -> u.taskId().equals(taskId)).toList();
    }

    /**
     * The first update of {@code taskId} that {@code wanted} accepts; fails when the task's updates
     * end (a terminal one) without one, or after {@code timeout}, naming what came instead.
     */
    synchronized DriverUpdate await(String taskId, Predicate<DriverUpdate> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            List<DriverUpdate> updates = of(taskId);
            for (; seen < updates.size(); seen++) {
                DriverUpdate update = updates.get(seen);
                if (wanted.test(update)) {
                    return update;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such update of " + taskId + " in " + timeout.toSeconds() + " s; got "
                        + updates);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The first terminal update of {@code taskId}. */
    DriverUpdate awaitEnd(String taskId, Duration timeout) throws InterruptedException {
        return await(taskId, DriverUpdate::terminal, timeout);
    }
}
