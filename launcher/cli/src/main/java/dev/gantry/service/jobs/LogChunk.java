package dev.gantry.service.jobs;

import java.util.Objects;

/**
 * Part of a log: the bytes from {@code offset}, where the next read starts, and whether the log
 * is complete (its process ended, so nothing more will come); a follower stops when a chunk is
 * empty and complete.
 */
public record LogChunk(LogName name, long offset, byte[] data, boolean complete) {
    public LogChunk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
    }

    public long nextOffset() {
        return offset + data.length;
    }
}
