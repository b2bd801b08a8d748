package dev.gantry.service.store;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a job's driver ended: its exit code (absent when it never ran to an exit, e.g. its agent
 * was lost) and a one-line error (absent on success). An error of several lines keeps its first;
 * one longer than {@link #MAX_ERROR_CHARS} is cut.
 */
public record JobResult(Integer exitCode, String error) {
    public static final int MAX_ERROR_CHARS = 2000;

    public JobResult {
        error = error == null || error.isBlank() ? null : Fields.oneLine(error, MAX_ERROR_CHARS);
    }

    public static JobResult exited(int exitCode) {
        return new JobResult(exitCode, null);
    }

    public static JobResult failed(Integer exitCode, String error) {
        return new JobResult(exitCode, error);
    }

    public OptionalInt exit() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    public Optional<String> errorLine() {
        return Optional.ofNullable(error);
    }
}
