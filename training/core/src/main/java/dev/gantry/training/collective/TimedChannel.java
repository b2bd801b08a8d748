package dev.gantry.training.collective;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One connection to a neighbour, read and written to completion under a timeout. Blocking socket
 * channels ignore {@code SO_TIMEOUT}, so the channel is non-blocking and waits in its own
 * selector; that also lets another thread break a wait at once ({@link #abort}) when the ring
 * fails elsewhere or is closed, instead of leaving the thread stuck until the timeout.
 *
 * <p>A wait ends at the earlier of two limits: {@code idleNanos} without a single byte of progress
 * (a neighbour that stopped) and an absolute {@code deadline} (a handshake that must finish by
 * the connect deadline however slowly a peer trickles bytes). Each side of a channel is used by
 * one thread at a time.
 */
final class TimedChannel implements Closeable {
    /** For {@code deadline} arguments: no absolute limit, only the idle timeout. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final String peer;
    private volatile CollectiveException abortReason;

    private TimedChannel(SocketChannel channel, Selector selector, String peer) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.peer = peer;
        this.key = channel.register(selector, 0);
    }

    /** Takes over a connected channel; closes it if it cannot be set up. */
    static TimedChannel of(SocketChannel channel, String peer) {
        try {
            channel.configureBlocking(false);
            // Frames are written whole; small ones (handshakes, tiny all-reduces) must not wait
            // for Nagle's algorithm and the peer's delayed ACK.
            channel.socket().setTcpNoDelay(true);
            return new TimedChannel(channel, Selector.open(), peer);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CollectiveException("cannot set up the connection to " + peer + ": " + e, e);
        }
    }

    /** Who is at the other end, for messages: "rank 2 (/10.0.0.7:40123)". */
    String peer() {
        return peer;
    }

    SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Fills {@code buffer} from the channel, or throws: end of stream, timeout, abort, I/O error. */
    void readFully(ByteBuffer buffer, long idleNanos, long deadline) {
        long idleEnd = System.nanoTime() + idleNanos;
        while (buffer.hasRemaining()) {
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                throw failure("reading from", e);
            }
            if (n < 0) {
                throw abortedOr(new CollectiveException(peer + " closed the connection"));
            }
            if (n > 0) {
                idleEnd = System.nanoTime() + idleNanos;
            } else {
                await(SelectionKey.OP_READ, idleEnd, deadline, idleNanos);
            }
        }
    }

    /** Writes all of {@code buffers}, or throws: timeout, abort, I/O error (a reset by the peer). */
    void writeFully(ByteBuffer[] buffers, long idleNanos, long deadline) {
        long idleEnd = System.nanoTime() + idleNanos;
        while (anyRemaining(buffers)) {
            long n;
            try {
                n = channel.write(buffers);
            } catch (IOException e) {
                throw failure("writing to", e);
            }
            if (n > 0) {
                idleEnd = System.nanoTime() + idleNanos;
            } else {
                await(SelectionKey.OP_WRITE, idleEnd, deadline, idleNanos);
            }
        }
    }

    void writeFully(ByteBuffer buffer, long idleNanos, long deadline) {
        writeFully(new ByteBuffer[] {buffer}, idleNanos, deadline);
    }

    /**
     * Makes the current and every later read or write on this channel throw {@code reason}; safe
     * from any thread. The first reason wins.
     */
    void abort(CollectiveException reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
        try {
            selector.wakeup();
        } catch (ClosedSelectorException ignored) {
            // already closed: nobody is waiting
        }
    }

    @Override
    public void close() {
        abort(new CollectiveException("the connection to " + peer + " was closed"));
        closeQuietly(selector);
        closeQuietly(channel);
    }

    private void await(int op, long idleEnd, long deadline, long idleNanos) {
        throwIfAborted();
        if (Thread.currentThread().isInterrupted()) {
            throw new CollectiveException("interrupted while waiting for " + peer);
        }
        long now = System.nanoTime();
        long left = Math.min(idleEnd - now, deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - now);
        if (left <= 0) {
            throw deadline != NO_DEADLINE && deadline - now <= 0
                    ? new CollectiveException("timed out waiting for " + peer)
                    : new CollectiveException("timed out: no data from " + peer + " for "
                            + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms" + (op == SelectionKey.OP_WRITE
                                    ? " (it stopped reading)" : ""));
        }
        try {
            if (key.interestOps() != op) {
                key.interestOps(op);
            }
            // select(0) would wait forever: never ask for less than a millisecond
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        } catch (IOException | ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw abortedOr(new CollectiveException("waiting for " + peer + " failed: " + e, e));
        }
        throwIfAborted();
    }

    private void throwIfAborted() {
        CollectiveException reason = abortReason;
        if (reason != null) {
            throw rethrown(reason);
        }
    }

    /** A fresh exception per throw: the stored one may be thrown on several threads. */
    private static CollectiveException rethrown(CollectiveException reason) {
        return new CollectiveException(reason.getMessage(), reason);
    }

    private CollectiveException failure(String what, IOException e) {
        return abortedOr(new CollectiveException(what + " " + peer + " failed: " + e, e));
    }

    /** An abort explains a failure better than the closed-channel error it caused. */
    private CollectiveException abortedOr(CollectiveException e) {
        CollectiveException reason = abortReason;
        return reason != null ? rethrown(reason) : e;
    }

    private static boolean anyRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing on a failure path: the original failure is what matters
        }
    }
}
