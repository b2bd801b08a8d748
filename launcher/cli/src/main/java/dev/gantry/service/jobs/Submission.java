package dev.gantry.service.jobs;

import java.util.Objects;

/**
 * A job as a user submits it: the spec's text exactly as written (YAML, or JSON, which is YAML too),
 * and its priority within the team (higher first; 0 unless given).
 */
public record Submission(String specText, int priority) {
    public static final int MIN_PRIORITY = -100;
    public static final int MAX_PRIORITY = 100;

    public Submission {
        Objects.requireNonNull(specText, "specText");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new SubmissionRejectedException("priority", "priority must be between " + MIN_PRIORITY + " and "
                    + MAX_PRIORITY + ", got " + priority);
        }
    }

    public static Submission of(String specText) {
        return new Submission(specText, 0);
    }
}
