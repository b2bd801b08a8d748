package dev.gantry.mesos;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Notices a silent event stream. The master sends HEARTBEAT events at the interval it announced
 * in SUBSCRIBED; when nothing at all arrives for several intervals the connection is as good as
 * dead (a partition leaves a TCP connection open), and the JDK HttpClient has no read timeout for
 * a streamed body, so this timer is what ends the wait.
 */
final class HeartbeatWatchdog implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private long generation;

    HeartbeatWatchdog(String threadName) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Watches {@code stream} from now on, replacing any earlier watch: {@code onSilence} runs once,
     * on the watchdog's thread, if no record arrives for {@code limit}.
     */
    synchronized void watch(EventStream stream, Duration limit, Consumer<Duration> onSilence) {
        cancelPending();
        long watch = ++generation;
        schedule(watch, stream, limit.toNanos(), onSilence, limit.toNanos());
    }

    /** Stops watching; a check already running finds its watch replaced and does nothing. */
    synchronized void unwatch() {
        generation++;
        cancelPending();
    }

    @Override
    public synchronized void close() {
        unwatch();
        timer.shutdownNow();
    }

    private void schedule(long watch, EventStream stream, long limitNanos, Consumer<Duration> onSilence,
                          long delayNanos) {
        if (timer.isShutdown()) {
            return;
        }
        pending = timer.schedule(() -> check(watch, stream, limitNanos, onSilence), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(long watch, EventStream stream, long limitNanos, Consumer<Duration> onSilence) {
        long silentNanos;
        synchronized (this) {
            if (watch != generation) {
                return;
            }
            silentNanos = System.nanoTime() - stream.lastRecordNanos();
            if (silentNanos < limitNanos) {
                schedule(watch, stream, limitNanos, onSilence, limitNanos - silentNanos);
                return;
            }
            generation++;
        }
        onSilence.accept(Duration.ofNanos(silentNanos));
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
