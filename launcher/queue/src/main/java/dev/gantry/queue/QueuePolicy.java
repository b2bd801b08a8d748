package dev.gantry.queue;

import java.util.Locale;

/**
 * Decides, for one moment, which queued jobs start and where, which running jobs to preempt and
 * why the others wait. Pure: the decision depends only on the state, which carries the time, so
 * the same state always gives the same decision. The service names its policy in its
 * configuration ({@link #named}). Policies share one admission ({@code AdmissionRound}: gangs
 * start whole, preemption serves waiting jobs in the policy's order, the first job it cannot serve
 * keeps agents as the head, and later jobs are backfilled on the other agents) and differ in their
 * order and in whom they may preempt:
 *
 * <ul>
 * <li>{@link Fifo} ({@code fifo}): by priority, then submission; never preempts. What Spark's Mesos
 *     dispatcher did, with gangs and backfilling.</li>
 * <li>{@link FairShare} ({@code fair-share}): the teams' weighted shares first, then least attained
 *     GPU service (Tiresias); preempts over-share and long-served resumable jobs.</li>
 * <li>{@link ShortestFirst}: shortest remaining GPU service first, from durations only a simulator
 *     knows; not nameable.</li>
 * </ul>
 */
public interface QueuePolicy {
    /** The name the service's configuration uses. */
    String name();

    QueueDecision decide(QueueState state);

    /** The policy called {@code name}, with its defaults: {@code fifo} or {@code fair-share}. */
    static QueuePolicy named(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case Fifo.NAME:
                return new Fifo();
            case FairShare.NAME:
                return new FairShare();
            default:
                throw new IllegalArgumentException("unknown queue policy '" + name + "' (fifo or fair-share)");
        }
    }
}
