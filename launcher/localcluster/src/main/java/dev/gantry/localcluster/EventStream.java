package dev.gantry.localcluster;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One subscribed scheduler's event stream. The master enqueues events from its own thread and
 * never blocks on a slow scheduler; the HTTP thread that answered SUBSCRIBE writes them out as
 * RecordIO. A scheduler that falls {@value #CAPACITY} events behind is disconnected.
 */
final class EventStream {
    static final int CAPACITY = 10_000;
    private static final byte[] END = new byte[0];

    final String streamId = UUID.randomUUID().toString();
    final MediaType mediaType;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private volatile boolean closed;

    EventStream(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    void send(Event event) {
        if (closed) {
            return;
        }
        // One slot stays free for the end marker that close() puts in.
        if (queue.remainingCapacity() <= 1) {
            close();
            return;
        }
        queue.offer(RecordIo.frame(mediaType.encode(event)));
    }

    /** Ends the stream once what is queued has been written. */
    void close() {
        if (!closed) {
            closed = true;
            // The queue keeps one slot spare for this marker, so the writer always sees it.
            queue.offer(END);
        }
    }

    boolean closed() {
        return closed;
    }

    /** Writes events until the stream is closed or the scheduler goes away; runs on the HTTP thread. */
    void pump(OutputStream out) throws IOException, InterruptedException {
        while (true) {
            byte[] record = queue.poll(1, TimeUnit.SECONDS);
            if (record == null) {
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (record == END) {
                return;
            }
            // One flush per event: the listener sends each as its own chunk, as Mesos does.
            out.write(record);
            out.flush();
        }
    }
}
