package dev.gantry.training.collective;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The thread that writes frames to the successor, so that a worker sends and receives at the same
 * time: in a ring step both neighbours of a link send at once, and with one thread doing both a
 * full socket buffer on each side would stop the ring. The receiving thread queues frames as
 * their regions become final and, at the end of an operation, waits until all are written, so the
 * caller may reuse its array as soon as the verb returns.
 */
final class RingSender implements AutoCloseable {
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final TimedChannel out;
    private final long idleNanos;
    private final Consumer<CollectiveException> onFailure;
    private final BlockingQueue<Outbound> queue = new LinkedBlockingQueue<>();
    private final ByteBuffer header;
    private final ByteBuffer payload;
    private final FloatBuffer floats;
    private final ByteBuffer[] frame;
    private final Thread thread;

    private final Object progress = new Object();
    /** Frames queued; touched only by the receiving thread. */
    private long submitted;
    /** Frames fully written; guarded by {@link #progress}. */
    private long written;
    private volatile CollectiveException failure;

    /**
     * @param onFailure told once when a write fails, so the receiving thread stops waiting for data
     *     that can no longer come
     */
    RingSender(TimedChannel out, int chunkBytes, long idleNanos, String threadName,
            Consumer<CollectiveException> onFailure) {
        this.out = out;
        this.idleNanos = idleNanos;
        this.onFailure = onFailure;
        this.header = ByteBuffer.allocateDirect(FrameHeader.BYTES).order(ORDER);
        this.payload = ByteBuffer.allocateDirect(chunkBytes).order(ORDER);
        this.floats = payload.asFloatBuffer();
        this.frame = new ByteBuffer[] {header, payload};
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Outbound frame) {
        submitted++;
        queue.add(frame);
    }

    /** Returns once every submitted frame is written; throws if the sender failed or was closed. */
    void awaitWritten() {
        synchronized (progress) {
            while (written < submitted) {
                if (failure != null) {
                    throw new CollectiveException(failure.getMessage(), failure);
                }
                try {
                    // the sender's own write timeout ends a stuck wait; the bound only guards against a lost wake-up
                    progress.wait(TimeUnit.NANOSECONDS.toMillis(idleNanos) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CollectiveException("interrupted while sending to " + out.peer(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (true) {
                Outbound next = queue.take();
                header.clear();
                next.header().writeTo(header);
                header.flip();
                next.fill(payload, floats);
                out.writeFully(frame, idleNanos, TimedChannel.NO_DEADLINE);
                synchronized (progress) {
                    written++;
                    progress.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            fail(new CollectiveException("the ring is closed"));
        } catch (CollectiveException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new CollectiveException("sending to " + out.peer() + " failed: " + e, e));
        }
    }

    private void fail(CollectiveException e) {
        synchronized (progress) {
            failure = e;
            progress.notifyAll();
        }
        onFailure.accept(e);
    }
}
