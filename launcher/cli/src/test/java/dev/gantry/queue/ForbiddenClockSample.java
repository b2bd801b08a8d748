package dev.gantry.queue;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What ArchitectureTest must refuse in the queue policy: reading a clock and a thread's random
 * numbers instead of taking the time from the state. It lives in the CLI module's tests only.
 */
public final class ForbiddenClockSample {
    private ForbiddenClockSample() {}

    public static long now() {
        return Clock.systemUTC().millis() + ThreadLocalRandom.current().nextInt(10);
    }
}
