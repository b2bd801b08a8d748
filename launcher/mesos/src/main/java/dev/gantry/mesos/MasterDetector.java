package dev.gantry.mesos;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Where the subscription finds the masters for its next SUBSCRIBE: a list the user gave
 * ({@link StaticMasters}) or the leader ZooKeeper names ({@link ZooKeeperMasterDetector}). Asked
 * before every (re)subscribe, so a new leader is followed once the stream to the old one ends.
 */
interface MasterDetector extends AutoCloseable {

    /**
     * The scheduler endpoints to try, best first.
     *
     * @param lastLeader the endpoint of the last known leader; null before the first
     * @throws MasterDetectionException when no master can be named now; worth retrying later
     * @throws InterruptedException when the client is closing
     */
    List<URI> candidates(URI lastLeader) throws MasterDetectionException, InterruptedException;

    /**
     * Asks to be told when the masters may have changed (a leader lost or elected), so that a
     * waiting subscription retries at once instead of after its backoff. Static lists never change.
     */
    default void watch(Runnable changed) {}

    /** The masters as the user named them (credentials hidden), for messages. */
    String describe();

    @Override
    void close();

    /**
     * No master can be named now: ZooKeeper unreachable, or no master registered in it. An
     * IOException, as the network failures the subscription already retries after.
     */
    final class MasterDetectionException extends IOException {
        private static final long serialVersionUID = 1L;

        MasterDetectionException(String message) {
            super(message);
        }

        MasterDetectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
