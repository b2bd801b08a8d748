package dev.gantry.service.drivers;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed driver is launched again. Pure: a failure kind and an attempt number in, a decision
 * out; the service keeps the clock and the count.
 *
 * <p>The policy:
 * <ul>
 * <li>A driver that failed for a reason a retry can fix ({@link FailureKind#retryable()}: its agent
 *     or executor was lost, the process crashed or was killed, or was killed by someone other than
 *     the service) is relaunched as the next attempt, which resumes from the job's newest checkpoint
 *     (same output directory).
 * <li>Relaunches wait {@code firstBackoff} after the first failed attempt, twice that after the
 *     second, and so on, never longer than {@code maxBackoff}: a driver that fails at once on every
 *     agent does not spin through offers, and one lost to a passing fault comes back quickly.
 * <li>After {@code maxAttempts} attempts the job is given up, whatever the reason: a failure that
 *     repeats that often is not passing.
 * <li>Bad input ({@code gantry run} exit 2: a spec that does not read or validate, missing data, a
 *     job no agent could ever hold) is never retried; neither is a task Mesos refused as invalid
 *     (TASK_ERROR). The same input fails the same way.
 * </ul>
 * Spark's MesosClusterDispatcher relaunched every supervised driver that ended TASK_FAILED or
 * TASK_LOST, bad input included, without a limit; this one stops where a retry cannot help.
 *
 * @param maxAttempts  attempts in all, the first included; at least 1
 * @param firstBackoff the wait before the second attempt
 * @param maxBackoff   the longest wait
 */
public record SupervisionPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
    /** Five attempts, waiting 10 s, 20 s, 40 s, 80 s between them (at most 5 minutes). */
    public static final SupervisionPolicy DEFAULT = new SupervisionPolicy(5, Duration.ofSeconds(10),
            Duration.ofMinutes(5));

    public SupervisionPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be non-negative and the first no longer than the"
                    + " longest: " + firstBackoff + ", " + maxBackoff);
        }
    }

    /** What to do after a driver's attempt. */
    public sealed interface Decision permits Relaunch, GiveUp {}

    /** Launch attempt {@code attempt} after {@code delay}. */
    public record Relaunch(int attempt, Duration delay) implements Decision {}

    /** Do not launch the job again; {@code reason} says why, for the job's record. */
    public record GiveUp(String reason) implements Decision {}

    /**
     * The decision after attempt {@code attempt} (1 for the first) ended with {@code failure}.
     *
     * @throws IllegalArgumentException for {@link FailureKind#NONE}: that attempt did not fail
     */
    public Decision decide(FailureKind failure, int attempt) {
        Objects.requireNonNull(failure, "failure");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " is not 1 or more");
        }
        switch (failure) {
            case NONE:
                throw new IllegalArgumentException("attempt " + attempt + " did not fail");
            case BAD_INPUT:
                return new GiveUp("bad input (gantry run exited " + TaskFailures.BAD_INPUT_EXIT
                        + "): the same spec fails the same way; fix it and submit again");
            case TASK_INVALID:
                return new GiveUp("Mesos refused the driver task as invalid (TASK_ERROR)");
            default:
                break;
        }
        if (attempt >= maxAttempts) {
            return new GiveUp("attempt " + attempt + " of " + maxAttempts + " failed (" + failure
                    + "); no attempts left");
        }
        return new Relaunch(attempt + 1, backoff(attempt));
    }

    /** The decision for a driver task's update; see {@link #decide(FailureKind, int)}. */
    public Decision decide(DriverUpdate update) {
        return decide(update.failure(), update.attempt());
    }

    /** The wait before the attempt after {@code failedAttempt}: {@code firstBackoff * 2^(failedAttempt-1)}, capped. */
    public Duration backoff(int failedAttempt) {
        Duration delay = firstBackoff;
        for (int i = 1; i < failedAttempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
