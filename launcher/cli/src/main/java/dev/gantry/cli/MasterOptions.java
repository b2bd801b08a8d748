package dev.gantry.cli;

import dev.gantry.localcluster.ClusterRegistry;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.CredentialEnvironment;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Mixin;
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

    @Mixin
    CredentialOptions credentials;

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

    /** The credential the options or the environment give; see {@link CredentialOptions#credential}. */
    Optional<Credential> credential(CredentialEnvironment environment) {
        return credentials.credential(environment);
    }
}
