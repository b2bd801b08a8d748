package dev.gantry.benchmarks.collective;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The peer: raw loopback TCP between the two sockets of one connection, both directions
 * streaming at once, as in one step of a ring of two where each worker sends and receives. Two
 * threads per socket (one writes, one reads) and reused direct buffers, written and read in
 * chunks of the ring's size: nothing the ring does beyond moving bytes (framing, copying into and
 * out of float arrays, summing, handing chunks between threads) is in it.
 *
 * <p>The connection stays open from round to round, as the ring's do, so both have TCP's
 * buffer auto-tuning behind them. Two ways of doing the I/O, since on the development VM neither
 * is always the faster: blocking channels, and non-blocking channels that wait in a selector, as
 * the ring's do.
 */
final class LoopbackStream implements AutoCloseable {
    enum Mode { BLOCKING, SELECTOR }

    private final SocketChannel a;
    private final SocketChannel b;
    private final int chunkBytes;
    private final ByteBuffer[] buffers = new ByteBuffer[4];

    LoopbackStream(Mode mode, int chunkBytes) throws IOException {
        this.chunkBytes = chunkBytes;
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            a = SocketChannel.open(server.getLocalAddress());
            b = server.accept();
        }
        for (SocketChannel c : new SocketChannel[] {a, b}) {
            c.socket().setTcpNoDelay(true);
            c.configureBlocking(mode == Mode.BLOCKING);
        }
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.allocateDirect(chunkBytes);
        }
    }

    /** Seconds to move {@code bytes} each way; bandwidth per direction is {@code bytes / seconds}. */
    double fullDuplexSeconds(long bytes) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = {
            pump(() -> stream(a, buffers[0], bytes, true), start, failure, "a-write"),
            pump(() -> stream(a, buffers[1], bytes, false), start, failure, "a-read"),
            pump(() -> stream(b, buffers[2], bytes, true), start, failure, "b-write"),
            pump(() -> stream(b, buffers[3], bytes, false), start, failure, "b-read"),
        };
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long t1 = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException("loopback stream failed", failure.get());
        }
        return (t1 - t0) / 1e9;
    }

    private void stream(SocketChannel channel, ByteBuffer buffer, long bytes, boolean write) throws IOException {
        // each direction of a non-blocking channel waits in its own selector, as one thread owns it
        try (Selector selector = channel.isBlocking() ? null : Selector.open()) {
            SelectionKey key = selector == null ? null
                    : channel.register(selector, write ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(chunkBytes, left);
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    int moved = write ? channel.write(buffer) : channel.read(buffer);
                    if (moved < 0) {
                        throw new IOException("end of stream with " + left + " bytes to go");
                    }
                    if (moved == 0 && key != null) {
                        selector.select();
                        selector.selectedKeys().clear();
                    }
                }
                left -= n;
            }
        }
    }

    private static Thread pump(IoTask task, CountDownLatch start, AtomicReference<Throwable> failure, String name) {
        Thread t = new Thread(() -> {
            try {
                start.await();
                task.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "loopback-" + name);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        a.close();
        b.close();
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws Exception;
    }
}
