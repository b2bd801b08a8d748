package dev.gantry.mesos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A principal and its secret for HTTP Basic authentication against a Mesos master. The secret
 * never appears in {@link #toString()}, in exception messages or in logs; only the principal is
 * shown.
 */
public final class Credential {
    private final String principal;
    private final String secret;

    private Credential(String principal, String secret) {
        this.principal = principal;
        this.secret = secret;
    }

    public static Credential of(String principal, String secret) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secret, "secret");
        if (principal.isEmpty()) {
            throw new IllegalArgumentException("the principal is empty");
        }
        // Basic authentication splits user and password at the first colon.
        if (principal.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the principal '" + principal + "' contains a colon,"
                    + " which HTTP Basic authentication cannot carry");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the secret of principal '" + principal + "' is empty");
        }
        return new Credential(principal, secret);
    }

    /**
     * Reads the secret from a file, as Mesos' own {@code --credential} files and Spark's
     * {@code spark.mesos.secret.file} do; a trailing line break is not part of the secret.
     */
    public static Credential fromFile(String principal, Path secretFile) {
        String content;
        try {
            content = Files.readString(secretFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + secretFile + " of principal '"
                    + principal + "': " + e.getClass().getSimpleName(), e);
        }
        String secret = stripTrailingLineBreaks(content);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the secret file " + secretFile + " of principal '" + principal
                    + "' is empty");
        }
        return of(principal, secret);
    }

    /** Takes the secret from an environment variable, which keeps it out of command lines. */
    public static Credential fromEnvironment(String principal, String variable) {
        return fromEnvironment(principal, variable, System::getenv);
    }

    static Credential fromEnvironment(String principal, String variable, UnaryOperator<String> environment) {
        String secret = environment.apply(variable);
        if (secret == null) {
            throw new IllegalArgumentException("the environment variable " + variable
                    + " holding the secret of principal '" + principal + "' is not set");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the environment variable " + variable
                    + " holding the secret of principal '" + principal + "' is empty");
        }
        return of(principal, secret);
    }

    public String principal() {
        return principal;
    }

    /** The value of an {@code Authorization} header. */
    public String basicAuthorization() {
        byte[] userPass = (principal + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(userPass);
    }

    @Override
    public String toString() {
        return "Credential[principal=" + principal + ", secret=<hidden>]";
    }

    private static String stripTrailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
