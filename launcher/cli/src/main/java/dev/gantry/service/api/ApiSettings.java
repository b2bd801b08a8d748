package dev.gantry.service.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where the API listens and how much it takes on at once.
 *
 * @param address the address to bind; loopback unless the operator opens it up on purpose
 * @param port the port; 0 picks a free one (tests), {@link ApiServer#port()} says which
 * @param maxBodyBytes the largest request body read; a job spec is a few KiB, so 1 MiB is generous
 * @param maxConcurrentRequests requests handled at once; more are answered 503 at once rather than
 *     queued behind slow ones
 * @param maxStreams event streams open at once (a job page following its progress); each holds a
 *     thread of its own for as long as it lasts, beside those of the requests, so that streams never
 *     take the threads requests need. More are answered 503.
 */
public record ApiSettings(InetAddress address, int port, long maxBodyBytes, int maxConcurrentRequests,
                          int maxStreams) {
    /** The port of {@code gantry serve}, and where the CLI looks for the service unless told. */
    public static final int DEFAULT_PORT = 8088;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 32;
    public static final int DEFAULT_MAX_STREAMS = 8;

    public ApiSettings {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBodyBytes must be between 1 and about 2 GiB, got " + maxBodyBytes);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
        if (maxStreams < 0 || maxStreams > 1000) {
            throw new IllegalArgumentException("maxStreams must be between 0 and 1000, got " + maxStreams);
        }
    }

    /**
     * Loopback, port {@value #DEFAULT_PORT}, 1 MiB bodies, {@value #DEFAULT_MAX_CONCURRENT_REQUESTS} requests
     * and {@value #DEFAULT_MAX_STREAMS} streams at once.
     */
    public static ApiSettings defaults() {
        return new ApiSettings(InetAddress.getLoopbackAddress(), DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_CONCURRENT_REQUESTS, DEFAULT_MAX_STREAMS);
    }

    public ApiSettings withAddress(InetAddress wanted) {
        return new ApiSettings(wanted, port, maxBodyBytes, maxConcurrentRequests, maxStreams);
    }

    public ApiSettings withPort(int wanted) {
        return new ApiSettings(address, wanted, maxBodyBytes, maxConcurrentRequests, maxStreams);
    }

    public ApiSettings withMaxBodyBytes(long wanted) {
        return new ApiSettings(address, port, wanted, maxConcurrentRequests, maxStreams);
    }

    public ApiSettings withMaxConcurrentRequests(int wanted) {
        return new ApiSettings(address, port, maxBodyBytes, wanted, maxStreams);
    }

    public ApiSettings withMaxStreams(int wanted) {
        return new ApiSettings(address, port, maxBodyBytes, maxConcurrentRequests, wanted);
    }
}
