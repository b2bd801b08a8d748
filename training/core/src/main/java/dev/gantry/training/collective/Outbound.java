package dev.gantry.training.collective;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * One frame waiting for the sender thread: its header and where its payload lies. The payload is
 * copied into the sender's own direct buffer only when the frame goes out, so a region may be
 * queued as soon as it holds its final contents for this step.
 */
sealed interface Outbound {
    FrameHeader header();

    /** Puts the payload at the start of {@code payload} (whose float view is {@code floats}) and limits it. */
    void fill(ByteBuffer payload, FloatBuffer floats);

    /** {@code count} floats of {@code data} from {@code offset}. */
    record Floats(FrameHeader header, float[] data, int offset, int count) implements Outbound {
        @Override
        public void fill(ByteBuffer payload, FloatBuffer floats) {
            floats.put(0, data, offset, count);
            payload.limit(count * Float.BYTES).position(0);
        }
    }

    /** {@code count} bytes of {@code data} from {@code offset}. */
    record Bytes(FrameHeader header, byte[] data, int offset, int count) implements Outbound {
        @Override
        public void fill(ByteBuffer payload, FloatBuffer floats) {
            payload.clear().put(0, data, offset, count);
            payload.limit(count).position(0);
        }
    }
}
