package dev.gantry.training.collective;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first handshake message, from a worker to its successor: which job, which ring and which
 * link it means to be. The acceptor compares it with its own expectation field by field, and both
 * MACs cover its exact bytes, so none of it can be altered in transit without failing
 * authentication.
 */
record Hello(String jobId, int size, int fromRank, int toRank, int chunkBytes) {
    static final int MAGIC = 0x47524e47; // "GRNG"
    static final int VERSION = 1;
    /** magic, version, size, from, to, chunk size, job id length. */
    static final int FIXED_BYTES = 7 * Integer.BYTES;
    static final int NONCE_BYTES = 32;

    /** The message as sent: fixed fields, job id, then the connector's nonce. */
    byte[] encode(byte[] nonce) {
        byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + job.length + NONCE_BYTES).order(RingSender.ORDER);
        b.putInt(MAGIC).putInt(VERSION).putInt(size).putInt(fromRank).putInt(toRank).putInt(chunkBytes)
                .putInt(job.length).put(job).put(nonce);
        return b.array();
    }

    /**
     * Why {@code received} may not use this link, or null if it may. {@code this} is what the
     * acceptor expects.
     */
    String mismatch(Hello received) {
        if (!jobId.equals(received.jobId)) {
            return "wrong job: the peer belongs to job '" + received.jobId + "', this worker to job '" + jobId + "'";
        }
        if (size != received.size) {
            return "wrong ring: the peer is in a ring of " + received.size + " workers, this worker in one of " + size;
        }
        if (fromRank != received.fromRank || toRank != received.toRank) {
            return "wrong rank: the peer connects as rank " + received.fromRank + " to rank " + received.toRank
                    + ", this worker expects rank " + fromRank + " to connect to rank " + toRank;
        }
        if (chunkBytes != received.chunkBytes) {
            return "different chunk size: the peer uses " + received.chunkBytes + " bytes, this worker "
                    + chunkBytes + ": every worker must use the same RingOptions";
        }
        return null;
    }
}
