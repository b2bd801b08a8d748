package dev.gantry.mesos;

import java.io.IOException;

/**
 * Lets another thread interrupt the subscription thread while, and only while, it waits on the
 * network: an interrupt must never land in a listener callback, where it would surface in the
 * scheduler's own code.
 */
final class BlockingSection {

    /** A blocking network operation. */
    interface Operation<T> {
        T run() throws IOException, InterruptedException;
    }

    private Thread blocked;

    <T> T run(Operation<T> operation) throws IOException, InterruptedException {
        synchronized (this) {
            blocked = Thread.currentThread();
        }
        try {
            return operation.run();
        } finally {
            synchronized (this) {
                blocked = null;
                // An interrupt that arrived as the operation returned is spent: whoever sent it
                // also set the state that the subscription loop checks next.
                Thread.interrupted();
            }
        }
    }

    synchronized void interrupt() {
        if (blocked != null) {
            blocked.interrupt();
        }
    }
}
