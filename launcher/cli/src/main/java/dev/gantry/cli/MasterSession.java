package dev.gantry.cli;

import dev.gantry.mesos.Credential;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.mesos.MasterOperator;
import dev.gantry.mesos.OperatorCallException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One command's conversation with a master's operator endpoints, with the master's refusals
 * turned into one-line errors that name the master: unreachable, authentication missing or
 * refused are bad input (exit 2); any other error status is a failure (exit 1).
 */
final class MasterSession {
    private final String url;
    private final MasterOperator operator;
    private final Optional<Credential> credential;

    private MasterSession(String url, MasterOperator operator, Optional<Credential> credential) {
        this.url = url;
        this.operator = operator;
        this.credential = credential;
    }

    static MasterSession open(String url, Optional<Credential> credential, Duration timeout) {
        try {
            // Only the operator sees a ZooKeeper URL's password; messages name the master without it.
            return new MasterSession(MasterAddresses.printable(url), MasterOperator.of(url, credential, timeout),
                    credential);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--master: " + e.getMessage());
        }
    }

    /** The master as the user named it (or the registry did). */
    String url() {
        return url;
    }

    ClusterSnapshot snapshot(Instant now) throws InterruptedException {
        String json;
        try {
            json = operator.state();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (OperatorCallException e) {
            throw refused(e, "read its state");
        }
        try {
            return ClusterSnapshot.parse(json, now);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Mesos master at " + url + " answered GET /master/state with something"
                    + " other than Mesos state JSON: " + e.getMessage());
        }
    }

    /**
     * Tears a framework down.
     *
     * @return false when the master no longer knows the framework (it ended meanwhile)
     */
    boolean teardown(String frameworkId) throws InterruptedException {
        try {
            operator.teardown(frameworkId);
            return true;
        } catch (IOException e) {
            throw unreachable(e);
        } catch (OperatorCallException e) {
            if (e.status() == 400 && e.body().contains("No framework found")) {
                return false;
            }
            throw refused(e, "tear down framework " + frameworkId);
        }
    }

    private IllegalArgumentException unreachable(IOException e) {
        return new IllegalArgumentException("cannot reach the Mesos master at " + url
                + (e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")"));
    }

    private RuntimeException refused(OperatorCallException e, String what) {
        if (e.status() == 401) {
            return new IllegalArgumentException(credential
                    .map(c -> "the Mesos master at " + url + " refused the credentials of principal '" + c.principal()
                            + "' (HTTP 401)")
                    .orElse("the Mesos master at " + url + " requires authentication (HTTP 401): give --principal and"
                            + " --secret-file, or set SPARK_MESOS_PRINCIPAL and SPARK_MESOS_SECRET"));
        }
        if (e.status() == 403) {
            return new IllegalArgumentException("the Mesos master at " + url + " does not allow "
                    + credential.map(c -> "principal '" + c.principal() + "'").orElse("anonymous requests") + " to "
                    + what + " (HTTP 403)");
        }
        return new IllegalStateException("the Mesos master at " + url + " could not " + what + ": " + e.getMessage());
    }
}
