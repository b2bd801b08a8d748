package dev.gantry.training.collective;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker joins and runs a ring. Every worker of a job must use the same job id and chunk
 * size; the handshake refuses a peer that differs.
 *
 * @param jobId names the job (and attempt) in the handshake, so that a worker of another job
 *     that reaches this worker's port is refused even if it was given the same secret by mistake;
 *     at most {@value #MAX_JOB_ID_BYTES} bytes of UTF-8
 * @param connectTimeout how long {@link RingListener#connect} may take to reach the successor and
 *     be reached by the predecessor, both authenticated
 * @param operationTimeout how long a verb waits on a neighbour without a byte of progress before
 *     it fails; it also bounds how long a worker waits for slower peers to enter the same verb
 * @param chunkBytes the largest frame payload: segments are cut into chunks of this size and
 *     pipelined; also the bound on every frame length read from a peer. A multiple of 4
 * @param maxMessageBytes the largest allGather block accepted from a peer
 */
public record RingOptions(String jobId, Duration connectTimeout, Duration operationTimeout, int chunkBytes,
        int maxMessageBytes) {

    public static final int MAX_JOB_ID_BYTES = 256;
    public static final int MAX_CHUNK_BYTES = 64 << 20;
    /** 1 MiB: measured best on loopback (benchmarks/RESULTS.md); frames fit in cache between copy and sum. */
    public static final int DEFAULT_CHUNK_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    public RingOptions {
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.getBytes(StandardCharsets.UTF_8).length > MAX_JOB_ID_BYTES) {
            throw new IllegalArgumentException("ring jobId must be at most " + MAX_JOB_ID_BYTES + " bytes of UTF-8");
        }
        checkTimeout("connectTimeout", connectTimeout);
        checkTimeout("operationTimeout", operationTimeout);
        if (chunkBytes < Float.BYTES || chunkBytes > MAX_CHUNK_BYTES || chunkBytes % Float.BYTES != 0) {
            throw new IllegalArgumentException("ring chunkBytes must be a multiple of 4 from 4 to " + MAX_CHUNK_BYTES
                    + ", got " + chunkBytes);
        }
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("ring maxMessageBytes must be 0 or more, got " + maxMessageBytes);
        }
    }

    /** The defaults: 60 s to connect, 120 s without progress in a verb, 1 MiB chunks, 64 MiB allGather blocks. */
    public static RingOptions forJob(String jobId) {
        return new RingOptions(jobId, DEFAULT_CONNECT_TIMEOUT, DEFAULT_OPERATION_TIMEOUT, DEFAULT_CHUNK_BYTES,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    public RingOptions withConnectTimeout(Duration timeout) {
        return new RingOptions(jobId, timeout, operationTimeout, chunkBytes, maxMessageBytes);
    }

    public RingOptions withOperationTimeout(Duration timeout) {
        return new RingOptions(jobId, connectTimeout, timeout, chunkBytes, maxMessageBytes);
    }

    public RingOptions withChunkBytes(int bytes) {
        return new RingOptions(jobId, connectTimeout, operationTimeout, bytes, maxMessageBytes);
    }

    public RingOptions withMaxMessageBytes(int bytes) {
        return new RingOptions(jobId, connectTimeout, operationTimeout, chunkBytes, bytes);
    }

    private static void checkTimeout(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("ring " + name + " must be positive and at most a day, got " + timeout);
        }
    }
}
