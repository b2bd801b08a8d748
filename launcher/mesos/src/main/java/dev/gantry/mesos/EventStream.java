package dev.gantry.mesos;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one SUBSCRIBE answer: RecordIO records, each an event in the answer's media type.
 * Another thread may {@link #abort(String)} it to end a read that would otherwise wait forever.
 */
final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final InputStream body;
    private final RecordIo.Reader reader;
    private final MediaType mediaType;
    private volatile long lastRecordNanos = System.nanoTime();
    private volatile String abortReason;

    EventStream(InputStream body, MediaType mediaType, int maxRecordBytes) {
        this.body = body;
        this.reader = new RecordIo.Reader(body, maxRecordBytes);
        this.mediaType = mediaType;
    }

    /**
     * The next event, or {@code null} when the master ended the stream. A record that is not an
     * event is skipped with a warning: the framing is intact, so the stream can go on, and a newer
     * master may send what this client does not know.
     *
     * @throws IOException when the connection fails, the stream was aborted, or the framing is
     *     broken (a record longer than the limit, a malformed length), after which the stream
     *     cannot be resynchronised
     */
    Event next() throws IOException {
        while (true) {
            byte[] record = reader.next();
            if (record == null) {
                return null;
            }
            lastRecordNanos = System.nanoTime();
            try {
                return mediaType.decode(record, Event.newBuilder());
            } catch (IllegalArgumentException e) {
                LOG.warn("skipping a {}-byte record that is not a {} scheduler event: {}", record.length, mediaType,
                        e.getMessage());
            }
        }
    }

    /** When the last record arrived (any record counts as a sign of life), in {@link System#nanoTime()}. */
    long lastRecordNanos() {
        return lastRecordNanos;
    }

    /**
     * Ends the stream from any thread; a read in progress fails. Closing is what unblocks it: the
     * JDK HttpClient's response stream swallows interrupts while it waits for data, but its
     * {@code close()} wakes the waiting reader and cancels the exchange, which drops the
     * connection.
     */
    void abort(String reason) {
        synchronized (this) {
            if (abortReason == null) {
                abortReason = reason;
            }
        }
        close();
    }

    Optional<String> abortReason() {
        return Optional.ofNullable(abortReason);
    }

    void close() {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing the event stream failed", e);
        }
    }
}
