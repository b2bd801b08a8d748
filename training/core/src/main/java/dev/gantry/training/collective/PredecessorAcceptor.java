package dev.gantry.training.collective;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits on a listener for the predecessor, one handshake at a time, refusing every connection
 * that fails it (a stranger, a worker of another job, a wrong rank) and going on waiting until
 * the deadline, whose error lists what was refused.
 */
final class PredecessorAcceptor implements Callable<TimedChannel> {
    /** A cap on the time one stranger may hold the listener inside a handshake. */
    static final long HANDSHAKE_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel server;
    private final Hello expected;
    private final String peerName;
    private final byte[] secret;
    private final long deadline;
    private final long timeoutMillis;
    private final Selector selector;
    private volatile boolean stopped;
    private final CountDownLatch firstHandshake = new CountDownLatch(1);

    PredecessorAcceptor(ServerSocketChannel server, Hello expected, String peerName, byte[] secret, long deadline,
            long timeoutMillis) throws IOException {
        this.server = server;
        this.expected = expected;
        this.peerName = peerName;
        this.secret = secret;
        this.deadline = deadline;
        this.timeoutMillis = timeoutMillis;
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Ends the wait. A handshake under way is finished first, so that a refused peer still hears
     * why instead of seeing the connection drop.
     */
    void stop() {
        stopped = true;
        selector.wakeup();
    }

    /**
     * Waits until a handshake has ended here, accepted or refused, or {@code nanos} have passed:
     * whoever dialed has then heard an answer. False on timeout.
     */
    boolean awaitHandshake(long nanos) throws InterruptedException {
        return firstHandshake.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public TimedChannel call() throws IOException {
        List<String> refused = new ArrayList<>();
        try (selector) {
            while (true) {
                SocketChannel accepted = server.accept();
                if (accepted != null) {
                    String from = String.valueOf(accepted.getRemoteAddress());
                    TimedChannel channel = TimedChannel.of(accepted, peerName + " (" + from + ")");
                    try {
                        Handshake.asAcceptor(channel, expected, secret, HANDSHAKE_IDLE_NANOS, deadline);
                        return channel;
                    } catch (CollectiveException e) {
                        channel.close();
                        refused.add(from + ": " + e.getMessage());
                    } finally {
                        firstHandshake.countDown();
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped) {
                    String refusals = refused.isEmpty() ? ""
                            : "; refused " + refused.size() + " connection(s): " + String.join("; ", refused);
                    throw new CollectiveException(left <= 0
                            ? "no authenticated connection from " + peerName + " within " + timeoutMillis + " ms"
                                    + refusals
                            : "stopped waiting for " + peerName + refusals);
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                selector.selectedKeys().clear();
            }
        }
    }
}
