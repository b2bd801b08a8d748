package dev.gantry.training.collective;

import static dev.gantry.training.collective.Segments.mod;
import static dev.gantry.training.collective.Segments.start;

/**
 * Ring all-reduce: reduce-scatter then all-gather, n - 1 steps each, over n segments of the
 * buffer, each cut into chunks. Every link carries 2(n-1)/n of the buffer whatever n is.
 *
 * <p>Steps are pipelined by chunk: a chunk received and summed in step s is exactly what this
 * worker sends in step s + 1, so it is queued for the sender at once and goes out while later
 * chunks of step s are still arriving. The all-gather continues the same way: the chunk that
 * completes a segment's sum is the first the worker sends in all-gather.
 *
 * <p>Each segment is summed once, along the ring in a fixed order, and the all-gather copies that
 * one sum to every worker, so all workers end with bit-identical results.
 *
 * <p>Regions touched at once never overlap: in step s the sender reads segment r - s while the
 * receiver writes segment r - s - 1, and a region this worker overwrites in all-gather can only
 * arrive after its own contribution to it left.
 */
final class RingAllReduce {
    private RingAllReduce() {}

    static void run(RingLinks ring, int seq, float[] data) {
        int n = ring.size();
        int r = ring.rank();
        int length = data.length;
        if (n == 1 || length == 0) {
            return;
        }
        send(ring, seq, data, r);
        for (int step = 0; step < n - 1; step++) {
            int segment = mod(r - step - 1, n);
            forEachChunk(ring, length, segment, (offset, count) -> {
                ring.receiver().add(seq, Verb.ALL_REDUCE, length, data, offset, count);
                ring.sender().submit(frame(seq, length, data, offset, count));
            });
        }
        for (int step = 0; step < n - 1; step++) {
            int segment = mod(r - step, n);
            boolean forward = step < n - 2;
            forEachChunk(ring, length, segment, (offset, count) -> {
                ring.receiver().copy(seq, Verb.ALL_REDUCE, 0, length, data, offset, count);
                if (forward) {
                    ring.sender().submit(frame(seq, length, data, offset, count));
                }
            });
        }
        ring.sender().awaitWritten();
    }

    private static void send(RingLinks ring, int seq, float[] data, int segment) {
        forEachChunk(ring, data.length, segment,
                (offset, count) -> ring.sender().submit(frame(seq, data.length, data, offset, count)));
    }

    private static Outbound frame(int seq, int total, float[] data, int offset, int count) {
        return new Outbound.Floats(new FrameHeader(seq, Verb.ALL_REDUCE.code(), 0, total, count * Float.BYTES),
                data, offset, count);
    }

    private static void forEachChunk(RingLinks ring, int length, int segment, ChunkAction action) {
        int from = start(segment, length, ring.size());
        int to = start(segment + 1, length, ring.size());
        int chunk = ring.chunkFloats();
        for (int offset = from; offset < to; offset += chunk) {
            action.apply(offset, Math.min(chunk, to - offset));
        }
    }

    @FunctionalInterface
    interface ChunkAction {
        void apply(int offset, int count);
    }
}
