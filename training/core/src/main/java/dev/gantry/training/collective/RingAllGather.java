package dev.gantry.training.collective;

import static dev.gantry.training.collective.Segments.mod;

import java.util.List;

/**
 * All-gather along the ring: in step t a worker passes on the block of rank r - t and receives
 * the block of rank r - t - 1, n - 1 steps in all. Block sizes differ per worker and are only
 * learned from the first frame of each block, so that size is checked against
 * {@link RingOptions#maxMessageBytes()} before the block is allocated. Every block, even an empty
 * one, is sent as at least one frame, which carries its size.
 */
final class RingAllGather {
    private RingAllGather() {}

    static List<byte[]> run(RingLinks ring, int seq, byte[] data) {
        int n = ring.size();
        int r = ring.rank();
        byte[][] blocks = new byte[n][];
        blocks[r] = data.clone();
        if (n > 1) {
            send(ring, seq, r, blocks[r]);
            for (int step = 0; step < n - 1; step++) {
                int owner = mod(r - step - 1, n);
                blocks[owner] = receive(ring, seq, owner, step < n - 2);
            }
            ring.sender().awaitWritten();
        }
        return List.of(blocks);
    }

    private static void send(RingLinks ring, int seq, int owner, byte[] block) {
        int offset = 0;
        do {
            int count = Math.min(ring.chunkBytes(), block.length - offset);
            submit(ring, seq, owner, block, offset, count);
            offset += count;
        } while (offset < block.length);
    }

    private static byte[] receive(RingLinks ring, int seq, int owner, boolean forward) {
        RingReceiver in = ring.receiver();
        byte[] block = null;
        int offset = 0;
        do {
            FrameHeader h = in.next(seq, Verb.ALL_GATHER, owner);
            if (block == null) {
                block = allocate(ring, h, in.peer());
            } else if (h.total() != block.length) {
                throw new CollectiveException(in.peer() + " changed the size of rank " + owner + "'s block from "
                        + block.length + " to " + h.total() + " bytes in the middle of it");
            }
            int expected = Math.min(ring.chunkBytes(), block.length - offset);
            if (h.length() != expected) {
                throw new CollectiveException(in.peer() + " sent a frame of " + h.length() + " bytes of rank "
                        + owner + "'s block where " + expected + " were due");
            }
            in.payloadInto(block, offset, h.length());
            if (forward) {
                submit(ring, seq, owner, block, offset, h.length());
            }
            offset += h.length();
        } while (offset < block.length);
        return block;
    }

    private static byte[] allocate(RingLinks ring, FrameHeader first, String peer) {
        int size = first.total();
        if (size < 0 || size > ring.maxMessageBytes()) {
            throw new CollectiveException("allGather block of " + Integer.toUnsignedString(size) + " bytes from "
                    + peer + " exceeds the limit of " + ring.maxMessageBytes() + " bytes (RingOptions.maxMessageBytes)");
        }
        return new byte[size];
    }

    private static void submit(RingLinks ring, int seq, int owner, byte[] block, int offset, int count) {
        FrameHeader header = new FrameHeader(seq, Verb.ALL_GATHER.code(), owner, block.length, count);
        ring.sender().submit(new Outbound.Bytes(header, block, offset, count));
    }
}
