package dev.gantry.training.collective;

import java.util.List;

/** The collectives of a job with one worker: every verb is the identity, no sockets are opened. */
public final class SoloCollectives implements Collectives {
    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public void allReduce(float[] data) {
        // the sum over one worker is its own data
    }

    @Override
    public void broadcast(float[] data, int root) {
        if (root != 0) {
            throw new IllegalArgumentException("root " + root + " out of range for 1 worker");
        }
    }

    @Override
    public List<byte[]> allGather(byte[] data) {
        return List.of(data.clone());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
