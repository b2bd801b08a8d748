package dev.gantry.training.collective;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Reads frames from the predecessor into one reused direct buffer and moves their payload into
 * the caller's array: summed into it during reduce-scatter, copied over it otherwise. Nothing is
 * allocated per frame, and a header is checked before its payload is read.
 */
final class RingReceiver {
    private final TimedChannel in;
    private final int chunkBytes;
    private final long idleNanos;
    private final ByteBuffer header;
    private final ByteBuffer payload;
    private final FloatBuffer floats;
    /** Bulk-copying out of the direct buffer first lets the JIT vectorize the sum over two arrays. */
    private final float[] scratch;

    RingReceiver(TimedChannel in, int chunkBytes, long idleNanos) {
        this.in = in;
        this.chunkBytes = chunkBytes;
        this.idleNanos = idleNanos;
        this.header = ByteBuffer.allocateDirect(FrameHeader.BYTES).order(RingSender.ORDER);
        this.payload = ByteBuffer.allocateDirect(chunkBytes).order(RingSender.ORDER);
        this.floats = payload.asFloatBuffer();
        this.scratch = new float[chunkBytes / Float.BYTES];
    }

    String peer() {
        return in.peer();
    }

    /** Reads the next frame, which must belong to operation {@code seq} of {@code verb}. */
    FrameHeader next(int seq, Verb verb, int arg) {
        header.clear();
        in.readFully(header, idleNanos, TimedChannel.NO_DEADLINE);
        header.flip();
        FrameHeader h = FrameHeader.readFrom(header);
        h.expect(seq, verb, arg, chunkBytes, in.peer());
        payload.clear().limit(h.length());
        in.readFully(payload, idleNanos, TimedChannel.NO_DEADLINE);
        return h;
    }

    /** Reads a frame of {@code count} floats and adds them to {@code data} from {@code offset}. */
    void add(int seq, Verb verb, int total, float[] data, int offset, int count) {
        next(seq, verb, 0).expectLayout(total, count * Float.BYTES, in.peer(), verb);
        floats.get(0, scratch, 0, count);
        for (int i = 0; i < count; i++) {
            data[offset + i] += scratch[i];
        }
    }

    /** Reads a frame of {@code count} floats over {@code data} from {@code offset}. */
    void copy(int seq, Verb verb, int arg, int total, float[] data, int offset, int count) {
        next(seq, verb, arg).expectLayout(total, count * Float.BYTES, in.peer(), verb);
        floats.get(0, data, offset, count);
    }

    /** Copies the payload of the frame just read by {@link #next} into {@code data} from {@code offset}. */
    void payloadInto(byte[] data, int offset, int length) {
        payload.get(0, data, offset, length);
    }
}
