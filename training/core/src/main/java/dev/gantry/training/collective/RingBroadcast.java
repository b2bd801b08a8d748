package dev.gantry.training.collective;

import static dev.gantry.training.collective.Segments.mod;

/**
 * Broadcast along the ring from the root: each worker copies every chunk it receives and, unless
 * its successor is the root, passes the chunk on at once. Chunking pipelines the hops, so a large
 * buffer takes about one buffer's transfer time plus one chunk per hop.
 */
final class RingBroadcast {
    private RingBroadcast() {}

    static void run(RingLinks ring, int seq, float[] data, int root) {
        int n = ring.size();
        int length = data.length;
        if (n == 1 || length == 0) {
            return;
        }
        boolean isRoot = ring.rank() == root;
        boolean forward = !isRoot && mod(ring.rank() + 1, n) != root;
        int chunk = ring.chunkFloats();
        for (int offset = 0; offset < length; offset += chunk) {
            int count = Math.min(chunk, length - offset);
            if (!isRoot) {
                ring.receiver().copy(seq, Verb.BROADCAST, root, length, data, offset, count);
            }
            if (isRoot || forward) {
                FrameHeader header = new FrameHeader(seq, Verb.BROADCAST.code(), root, length, count * Float.BYTES);
                ring.sender().submit(new Outbound.Floats(header, data, offset, count));
            }
        }
        ring.sender().awaitWritten();
    }
}
