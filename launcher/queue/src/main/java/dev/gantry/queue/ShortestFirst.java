package dev.gantry.queue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Shortest remaining GPU service first (remaining seconds times GPUs), preemptive: a waiting job
 * preempts resumable running jobs with more remaining service. It needs every job's remaining
 * time, which only a simulator knows (an oracle), so it is the yardstick the other policies are
 * measured against, not a policy the service can name. It can starve long jobs.
 */
public final class ShortestFirst implements QueuePolicy {
    public static final String NAME = "shortest-first";

    private final ToDoubleFunction<String> remainingSeconds;
    private final long minimumRunMillis;

    /**
     * @param remainingSeconds a job's remaining run time by job id, known in advance
     * @param minimumRunMillis how long a job runs before it may be preempted
     */
    public ShortestFirst(ToDoubleFunction<String> remainingSeconds, long minimumRunMillis) {
        this.remainingSeconds = remainingSeconds;
        if (minimumRunMillis < 0) {
            throw new IllegalArgumentException("the minimum run cannot be negative");
        }
        this.minimumRunMillis = minimumRunMillis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QueueDecision decide(QueueState state) {
        Map<String, Double> remaining = new HashMap<>();
        state.waiting().forEach(j -> remaining.put(j.id(), remainingSeconds.applyAsDouble(j.id()) * j.gpus()));
        state.running().forEach(j -> remaining.put(j.id(), remainingSeconds.applyAsDouble(j.id()) * j.job().gpus()));
        return AdmissionRound.decide(state, new Ordering() {
            @Override
            public Comparator<QueuedJob> waitingOrder() {
                return Comparator.comparingInt((QueuedJob j) -> -j.priority())
                        .thenComparingDouble(j -> remaining.get(j.id()))
                        .thenComparingLong(QueuedJob::queuedSinceMillis)
                        .thenComparing(QueuedJob::id);
            }

            @Override
            public Comparator<RunningJob> victimOrder() {
                return Comparator.comparingInt((RunningJob j) -> j.job().priority())
                        .thenComparingDouble(j -> -remaining.get(j.id()))
                        .thenComparing(RunningJob::id);
            }

            @Override
            public PreemptReason preemption(QueuedJob waiting, RunningJob running) {
                if (running.job().priority() != waiting.priority()) {
                    return running.job().priority() < waiting.priority() ? PreemptReason.LOWER_PRIORITY : null;
                }
                return remaining.get(running.id()) > remaining.get(waiting.id()) ? PreemptReason.SHORTER_JOB : null;
            }

            @Override
            public String explain(PreemptReason reason, QueuedJob waiting, RunningJob running) {
                if (reason == PreemptReason.LOWER_PRIORITY) {
                    return "job " + waiting.id() + " has priority " + waiting.priority() + ", above "
                            + running.job().priority();
                }
                return String.format(java.util.Locale.ROOT, "job %s needs %.2f more GPU-hours, this job %.2f",
                        waiting.id(), remaining.get(waiting.id()) / 3600, remaining.get(running.id()) / 3600);
            }

            @Override
            public long minimumRunMillis() {
                return minimumRunMillis;
            }
        });
    }
}
