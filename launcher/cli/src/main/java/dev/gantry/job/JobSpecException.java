package dev.gantry.job;

/**
 * A job spec that cannot run as written. The message is one line naming the field or file at
 * fault, meant to be printed as is: the CLI prints it and exits with status 2.
 */
public final class JobSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobSpecException(String message) {
        // One line even when a parser's problem text spans several: a terminal shows it whole.
        super(message.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
