package dev.gantry.training.collective;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/** Opens and authenticates the link to the successor, retrying refusals until the deadline. */
final class SuccessorDialer {
    /** Pause between refused attempts: the successor's listener may not be up yet. */
    private static final long RETRY_MILLIS = 100;

    private SuccessorDialer() {}

    static TimedChannel dial(InetSocketAddress address, String rankName, Hello hello, byte[] secret, long deadline) {
        String peer = rankName + " (" + address + ")";
        return handshake(connect(address, peer, deadline), peer, hello, secret, deadline);
    }

    /** Authenticates both ends of a connection already open to the successor, or closes it and throws. */
    static TimedChannel handshake(SocketChannel connected, String peer, Hello hello, byte[] secret, long deadline) {
        TimedChannel channel = TimedChannel.of(connected, peer);
        try {
            Handshake.asConnector(channel, hello, secret, deadline - System.nanoTime(), deadline);
            return channel;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SocketChannel connect(InetSocketAddress address, String peer, long deadline) {
        IOException last = null;
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new CollectiveException("cannot connect to " + peer + " before the connect timeout"
                        + (last == null ? "" : ": " + last), last);
            }
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                // the blocking socket adaptor is the one connect of a channel that takes a timeout
                channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, left));
                return channel;
            } catch (ConnectException | SocketTimeoutException e) {
                TimedChannel.closeQuietly(channel);
                last = e;
                pause(Math.min(RETRY_MILLIS, left));
            } catch (IOException e) {
                TimedChannel.closeQuietly(channel);
                throw new CollectiveException("cannot connect to " + peer + ": " + e, e);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectiveException("interrupted while connecting to the ring", e);
        }
    }
}
