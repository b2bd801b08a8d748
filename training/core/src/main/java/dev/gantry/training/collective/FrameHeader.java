package dev.gantry.training.collective;

import java.nio.ByteBuffer;

/**
 * The 20 bytes in front of every data frame. Besides the payload length, a header repeats which
 * operation it belongs to ({@code seq}, counted alike on every worker, and the verb), the verb's
 * argument (broadcast root, allGather block owner) and the operation's total length, so that
 * workers calling different verbs, or the same verb with different lengths, fail on the first
 * frame with a message saying so instead of summing garbage or waiting for bytes that never come.
 */
record FrameHeader(int seq, int verb, int arg, int total, int length) {
    static final int BYTES = 5 * Integer.BYTES;

    void writeTo(ByteBuffer buffer) {
        buffer.putInt(seq).putInt(verb).putInt(arg).putInt(total).putInt(length);
    }

    static FrameHeader readFrom(ByteBuffer buffer) {
        return new FrameHeader(buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt(), buffer.getInt());
    }

    /**
     * Checks this header, read from {@code peer}, against what this worker expects next. The
     * length is checked first, against the chunk size every worker agreed on in the handshake,
     * so no bound is ever taken from the peer.
     */
    void expect(int seq, Verb verb, int arg, int maxLength, String peer) {
        if (length < 0 || length > maxLength) {
            throw new CollectiveException("frame of " + Integer.toUnsignedString(length) + " bytes from " + peer
                    + " exceeds the limit of " + maxLength + " bytes (the chunk size)");
        }
        if (this.seq != seq || this.verb != verb.code() || this.arg != arg) {
            throw new CollectiveException(peer + " sent a frame of " + Verb.displayOf(this.verb) + " #" + this.seq
                    + " (argument " + this.arg + ") while this worker runs " + verb.display() + " #" + seq
                    + " (argument " + arg + "): every worker must call the same verbs in the same order");
        }
    }

    /** For allReduce and broadcast, where both sides know the exact layout. */
    void expectLayout(int total, int length, String peer, Verb verb) {
        if (this.total != total || this.length != length) {
            throw new CollectiveException(peer + " sent " + this.length + " bytes of a " + verb.display() + " of "
                    + this.total + " elements where this worker expects " + length + " bytes of " + total
                    + ": every worker must pass arrays of the same length");
        }
    }
}
