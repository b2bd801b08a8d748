package dev.gantry.service.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as the store keeps it. Times are those the service passed in, to the microsecond (what
 * both databases keep).
 *
 * @param startedAt the first time a driver of the job reported running; null before
 * @param finishedAt when it reached a final state; null before
 * @param attempts driver launches so far
 * @param gpuSeconds GPU-seconds of service received so far
 * @param driver the latest launch's driver; null before the first launch
 * @param outputDirectory where the job writes its model, metrics and report; null until set
 * @param result how the driver ended; null until a final state that recorded one
 */
public record Job(
        long id,
        String team,
        String user,
        String name,
        String specYaml,
        JobState state,
        int priority,
        int gpus,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        int attempts,
        double gpuSeconds,
        DriverPlacement driver,
        String outputDirectory,
        JobResult result) {

    public Optional<Instant> started() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> finished() {
        return Optional.ofNullable(finishedAt);
    }

    public Optional<DriverPlacement> driverPlacement() {
        return Optional.ofNullable(driver);
    }

    public Optional<String> output() {
        return Optional.ofNullable(outputDirectory);
    }

    public Optional<JobResult> jobResult() {
        return Optional.ofNullable(result);
    }

    @Override
    public String toString() {
        return "job " + id + " '" + name + "' of " + user + " (" + team + "): " + state;
    }
}
