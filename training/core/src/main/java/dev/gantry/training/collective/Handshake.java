package dev.gantry.training.collective;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mutual authentication of the two ends of a ring link with the job's secret, which never
 * crosses the wire: each side proves it knows it with an HMAC-SHA256 over the whole exchange
 * (the {@link Hello} with the connector's nonce, and the acceptor's nonce), under a label per
 * direction so that one side's proof cannot be reflected as the other's.
 *
 * <pre>
 * connector -> acceptor   Hello (magic, version, ring, ranks, chunk size, job id, nonce C)
 * acceptor  -> connector  ACCEPTED, nonce A                  | REJECTED, reason
 * connector -> acceptor   HMAC(secret, "connector" | hello | nonce A)
 * acceptor  -> connector  ACCEPTED, HMAC(secret, "acceptor" | hello | nonce A) | REJECTED, reason
 * </pre>
 *
 * The connector proves itself first, so a stranger who connects learns no MAC at all. Every
 * length read during the handshake is bounded before anything is allocated. Only the peers are
 * authenticated: frames after the handshake are neither encrypted nor MAC-ed.
 */
final class Handshake {
    static final int MAC_BYTES = 32;
    static final int MAX_REASON_BYTES = 512;
    static final byte ACCEPTED = 0;
    static final byte REJECTED = 1;
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] CONNECTOR = "gantry-ring connector".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTOR = "gantry-ring acceptor".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {}

    /**
     * Authenticates the acceptor behind {@code channel} and this worker to it, or throws. The
     * idle timeout and the deadline bound every read.
     */
    static void asConnector(TimedChannel channel, Hello hello, byte[] secret, long idleNanos, long deadline) {
        byte[] sent = hello.encode(nonce());
        channel.writeFully(ByteBuffer.wrap(sent), idleNanos, deadline);
        expectAccepted(channel, idleNanos, deadline);
        byte[] acceptorNonce = read(channel, Hello.NONCE_BYTES, idleNanos, deadline);
        channel.writeFully(ByteBuffer.wrap(mac(secret, CONNECTOR, sent, acceptorNonce)), idleNanos, deadline);
        expectAccepted(channel, idleNanos, deadline);
        byte[] proof = read(channel, MAC_BYTES, idleNanos, deadline);
        if (!MessageDigest.isEqual(proof, mac(secret, ACCEPTOR, sent, acceptorNonce))) {
            throw new HandshakeRefused("authentication failed: " + channel.peer()
                    + " did not prove it knows the job's secret");
        }
    }

    /**
     * Authenticates the connector behind {@code channel} as the worker {@code expected} describes,
     * or tells it why not and throws with the same reason.
     */
    static void asAcceptor(TimedChannel channel, Hello expected, byte[] secret, long idleNanos, long deadline) {
        ByteBuffer fixed = ByteBuffer.allocate(Hello.FIXED_BYTES).order(RingSender.ORDER);
        channel.readFully(fixed, idleNanos, deadline);
        fixed.flip();
        int magic = fixed.getInt();
        int version = fixed.getInt();
        if (magic != Hello.MAGIC) {
            throw reject(channel, "not a Gantry ring handshake", idleNanos, deadline);
        }
        if (version != Hello.VERSION) {
            throw reject(channel, "unsupported ring protocol version " + version + ", this worker speaks "
                    + Hello.VERSION, idleNanos, deadline);
        }
        int size = fixed.getInt();
        int from = fixed.getInt();
        int to = fixed.getInt();
        int chunkBytes = fixed.getInt();
        int jobBytes = fixed.getInt();
        if (jobBytes < 0 || jobBytes > RingOptions.MAX_JOB_ID_BYTES) {
            throw reject(channel, "handshake field of " + Integer.toUnsignedString(jobBytes)
                    + " bytes exceeds the limit of " + RingOptions.MAX_JOB_ID_BYTES + " bytes (job id)",
                    idleNanos, deadline);
        }
        byte[] job = read(channel, jobBytes, idleNanos, deadline);
        byte[] connectorNonce = read(channel, Hello.NONCE_BYTES, idleNanos, deadline);
        Hello received = new Hello(new String(job, StandardCharsets.UTF_8), size, from, to, chunkBytes);
        String mismatch = expected.mismatch(received);
        if (mismatch != null) {
            throw reject(channel, mismatch, idleNanos, deadline);
        }
        byte[] transcript = ByteBuffer.allocate(Hello.FIXED_BYTES + jobBytes + Hello.NONCE_BYTES)
                .put(fixed.flip()).put(job).put(connectorNonce).array();

        byte[] acceptorNonce = nonce();
        channel.writeFully(ByteBuffer.allocate(1 + Hello.NONCE_BYTES).put(ACCEPTED).put(acceptorNonce).flip(),
                idleNanos, deadline);
        byte[] proof = read(channel, MAC_BYTES, idleNanos, deadline);
        if (!MessageDigest.isEqual(proof, mac(secret, CONNECTOR, transcript, acceptorNonce))) {
            throw reject(channel, "authentication failed: the peer did not prove it knows the job's secret",
                    idleNanos, deadline);
        }
        channel.writeFully(ByteBuffer.allocate(1 + MAC_BYTES).put(ACCEPTED)
                .put(mac(secret, ACCEPTOR, transcript, acceptorNonce)).flip(), idleNanos, deadline);
    }

    private static void expectAccepted(TimedChannel channel, long idleNanos, long deadline) {
        byte status = read(channel, 1, idleNanos, deadline)[0];
        if (status == ACCEPTED) {
            return;
        }
        if (status != REJECTED) {
            throw new CollectiveException(channel.peer() + " answered the handshake with unknown status " + status);
        }
        ByteBuffer length = ByteBuffer.allocate(Short.BYTES).order(RingSender.ORDER);
        channel.readFully(length, idleNanos, deadline);
        int reasonBytes = Short.toUnsignedInt(length.flip().getShort());
        if (reasonBytes > MAX_REASON_BYTES) {
            throw new CollectiveException(channel.peer() + " rejected this worker with a reason of " + reasonBytes
                    + " bytes, over the limit of " + MAX_REASON_BYTES + " bytes");
        }
        String reason = new String(read(channel, reasonBytes, idleNanos, deadline), StandardCharsets.UTF_8);
        throw new HandshakeRefused(channel.peer() + " rejected this worker: " + reason);
    }

    /** Tells the peer why, as far as it still listens, and returns the exception for this side. */
    private static CollectiveException reject(TimedChannel channel, String reason, long idleNanos, long deadline) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_REASON_BYTES);
        ByteBuffer message = ByteBuffer.allocate(1 + Short.BYTES + length).order(RingSender.ORDER)
                .put(REJECTED).putShort((short) length).put(text, 0, length).flip();
        try {
            channel.writeFully(message, idleNanos, deadline);
        } catch (CollectiveException ignored) {
            // the peer went away: the rejection stands all the same
        }
        return new CollectiveException(reason);
    }

    private static byte[] read(TimedChannel channel, int bytes, long idleNanos, long deadline) {
        ByteBuffer b = ByteBuffer.allocate(bytes);
        channel.readFully(b, idleNanos, deadline);
        return b.array();
    }

    private static byte[] nonce() {
        byte[] n = new byte[Hello.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    private static byte[] mac(byte[] secret, byte[] label, byte[] hello, byte[] acceptorNonce) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(label);
            mac.update(hello);
            mac.update(acceptorNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
