package dev.gantry.training.spark;

import dev.gantry.training.collective.CollectiveException;
import dev.gantry.training.collective.HandshakeRefused;
import dev.gantry.training.checkpoint.IoFailures;

/** Which worker failures are a peer's echo, and how to say a failure in one line. */
final class WorkerFailures {
    private WorkerFailures() {}

    /**
     * A ring that broke (a peer closed its connection or stopped answering) is how a worker hears
     * that another one failed or died: the cause is elsewhere. A refused handshake is not an echo:
     * it names this worker's own problem (another job's secret).
     */
    static boolean isEcho(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HandshakeRefused) {
                return false;
            }
            if (t instanceof CollectiveException) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its root cause, when they differ: what a user needs to act on. */
    static String describe(Throwable failure) {
        Throwable root = IoFailures.root(failure);
        String top = failure.toString();
        return root == failure ? top : top + " (caused by " + root + ")";
    }
}
