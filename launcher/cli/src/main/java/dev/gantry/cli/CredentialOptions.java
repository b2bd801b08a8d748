package dev.gantry.cli;

import dev.gantry.mesos.Credential;
import dev.gantry.mesos.CredentialEnvironment;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command authenticates to a Mesos master: {@code --principal} and {@code --secret-file}, or,
 * as for Gantry's Spark driver, SPARK_MESOS_PRINCIPAL and SPARK_MESOS_SECRET(_FILE). Never a
 * secret on the command line.
 */
final class CredentialOptions {
    @Option(names = "--principal", description = "Principal to authenticate as, for a master that requires HTTP"
            + " authentication (default: $" + CredentialEnvironment.PRINCIPAL + ").")
    String principal;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the principal's secret"
            + " (default: $" + CredentialEnvironment.SECRET + ", else the file $" + CredentialEnvironment.SECRET_FILE
            + " names).")
    Path secretFile;

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
