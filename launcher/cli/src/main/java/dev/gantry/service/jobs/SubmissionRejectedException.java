package dev.gantry.service.jobs;

import java.util.Objects;
import java.util.Optional;

/**
 * A submission that cannot be queued, with the one-line reason {@code gantry run} would give and,
 * where one field is at fault, its path (e.g. {@code resources.workers}).
 */
public final class SubmissionRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public SubmissionRejectedException(String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.field = field;
    }

    public SubmissionRejectedException(String message) {
        this(null, message);
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
