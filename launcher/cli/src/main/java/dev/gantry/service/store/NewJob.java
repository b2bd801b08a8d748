package dev.gantry.service.store;

import java.util.Objects;

/**
 * A job as submitted: who submits it, its spec as written, and what the queue needs to order it
 * without reading the spec (its name, priority and GPUs). The constructor checks every field and
 * says which one is wrong, so a bad submission never reaches the database.
 *
 * @param team the submitting user's team
 * @param user the submitting user
 * @param name the job's name (from its spec)
 * @param specYaml the job spec exactly as submitted
 * @param priority higher runs first within a team
 * @param gpus the GPUs the job asks for
 */
public record NewJob(String team, String user, String name, String specYaml, int priority, int gpus) {
    /** The longest spec the store keeps, in characters. */
    public static final int MAX_SPEC_CHARS = 1_000_000;

    public NewJob {
        Fields.name("team", team);
        Fields.name("user", user);
        Fields.text("name", name, 256);
        Objects.requireNonNull(specYaml, "specYaml");
        if (specYaml.isBlank()) {
            throw new IllegalArgumentException("specYaml is empty");
        }
        if (specYaml.length() > MAX_SPEC_CHARS) {
            throw new IllegalArgumentException("specYaml has " + specYaml.length() + " characters, more than the "
                    + MAX_SPEC_CHARS + " a job spec may have");
        }
        if (specYaml.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("specYaml contains a NUL character");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("gpus must be 0 or more, got " + gpus);
        }
    }
}
