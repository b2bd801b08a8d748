package dev.gantry.service.client;

/**
 * Part of a job's log: its bytes, the log's full name (with the attempt), where the next read
 * starts, and whether the log is complete (nothing more will come).
 */
public record LogPart(String name, byte[] data, long nextOffset, boolean complete) {
    /** A follower is done when a part is empty and the log complete. */
    public boolean isEnd() {
        return data.length == 0 && complete;
    }
}
