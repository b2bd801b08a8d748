package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.CredentialEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The options of commands that talk to a running master as its operator ({@code status},
 * {@code kill}): where the master is and how to authenticate. Credentials come from the options
 * or, as for Gantry's Spark driver, from SPARK_MESOS_PRINCIPAL and SPARK_MESOS_SECRET(_FILE).
 */
final class MasterOptions {
    @Option(names = "--master", paramLabel = "URL", description = "Mesos master, e.g. mesos://host:5050 (default:"
            + " $" + MasterLocator.ENVIRONMENT + ", else the embedded cluster running on this machine).")
    String master;

    @Option(names = "--principal", description = "Principal to authenticate as, for a master that requires HTTP"
            + " authentication (default: $" + CredentialEnvironment.PRINCIPAL + ").")
    String principal;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the principal's secret"
            + " (default: $" + CredentialEnvironment.SECRET + ", else the file $" + CredentialEnvironment.SECRET_FILE
            + " names).")
    Path secretFile;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Give up on a master that does not answer within this long (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    /** A session with the master these options name (or the one found), authenticated as they say. */
    MasterSession open(UnaryOperator<String> environment, ClusterRegistry registry) {
        String url = MasterLocator.locate(master, environment, registry);
        return MasterSession.open(url, credential(CredentialEnvironment.of(environment)), timeout());
    }

    Duration timeout() {
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("--timeout must be positive, not " + timeoutSeconds);
        }
        return Duration.ofMillis(Math.round(timeoutSeconds * 1000));
    }

    /**
     * The credential to send: --principal with --secret-file, else the principal and secret from
     * the environment. A principal from the environment without a secret is ignored (the driver
     * may use it for FrameworkInfo alone); one given as --principal without a secret is an error.
     */
    Optional<Credential> credential(CredentialEnvironment environment) {
        Optional<String> chosen = principal != null ? Optional.of(principal) : environment.principal();
        if (secretFile != null) {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("--secret-file needs --principal (or $" + CredentialEnvironment.PRINCIPAL
                        + ")");
            }
            return Optional.of(Credential.fromFile(chosen.get(), secretFile));
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        Optional<Credential> fromEnvironment = environment.credential(chosen.get());
        if (fromEnvironment.isEmpty() && principal != null) {
            throw new IllegalArgumentException("--principal " + principal + " needs a secret: --secret-file FILE, or $"
                    + CredentialEnvironment.SECRET + " or $" + CredentialEnvironment.SECRET_FILE);
        }
        return fromEnvironment;
    }
}
