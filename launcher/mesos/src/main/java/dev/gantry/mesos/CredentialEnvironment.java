package dev.gantry.mesos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The environment variables that carried Mesos credentials to Spark 3.5's drivers, read the same
 * way by Gantry's Spark backend and by its commands: {@code SPARK_MESOS_PRINCIPAL} (or a file
 * named by {@code SPARK_MESOS_PRINCIPAL_FILE}) and {@code SPARK_MESOS_SECRET} (or a file named by
 * {@code SPARK_MESOS_SECRET_FILE}). A secret in the environment stays off command lines, where
 * other users of the machine could read it.
 */
public final class CredentialEnvironment {
    public static final String PRINCIPAL = "SPARK_MESOS_PRINCIPAL";
    public static final String PRINCIPAL_FILE = "SPARK_MESOS_PRINCIPAL_FILE";
    public static final String SECRET = "SPARK_MESOS_SECRET";
    public static final String SECRET_FILE = "SPARK_MESOS_SECRET_FILE";

    private final UnaryOperator<String> environment;

    private CredentialEnvironment(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** The process' own environment. */
    public static CredentialEnvironment system() {
        return new CredentialEnvironment(System::getenv);
    }

    /** An environment given as a lookup, for tests and for commands handed one. */
    public static CredentialEnvironment of(UnaryOperator<String> environment) {
        return new CredentialEnvironment(environment);
    }

    /**
     * {@code SPARK_MESOS_PRINCIPAL}, else the content of the file {@code SPARK_MESOS_PRINCIPAL_FILE} names.
     *
     * @throws IllegalArgumentException when that file cannot be read
     */
    public Optional<String> principal() {
        String principal = environment.apply(PRINCIPAL);
        if (principal != null && !principal.isBlank()) {
            return Optional.of(principal.strip());
        }
        String file = environment.apply(PRINCIPAL_FILE);
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(PRINCIPAL_FILE + " names a file that cannot be read: " + file);
        }
    }

    /**
     * The secret of {@code principal} from {@code SPARK_MESOS_SECRET}, else from the file
     * {@code SPARK_MESOS_SECRET_FILE} names; empty when neither is set.
     *
     * @throws IllegalArgumentException when the variable is empty or the file cannot be read
     */
    public Optional<Credential> credential(String principal) {
        if (environment.apply(SECRET) != null) {
            return Optional.of(Credential.fromEnvironment(principal, SECRET, environment));
        }
        String file = environment.apply(SECRET_FILE);
        if (file != null) {
            return Optional.of(Credential.fromFile(principal, Path.of(file)));
        }
        return Optional.empty();
    }
}
