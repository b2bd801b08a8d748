package dev.gantry.localcluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A chunked response body that sends exactly one chunk per {@link #flush}, however large: Mesos
 * writes every event of a subscription as its own chunk, and clients that read chunk by chunk
 * depend on it (the JDK server's writer cuts chunks at 4 KiB instead).
 */
final class ChunkedBody extends OutputStream {
    private final OutputStream socket;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closed;

    ChunkedBody(OutputStream socket) {
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        pending.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (pending.size() > 0) {
            socket.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            pending.writeTo(socket);
            socket.write(CRLF);
            pending.reset();
        }
        socket.flush();
    }

    /** Sends what is pending and the last, empty chunk; the connection stays open for the next request. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        socket.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.flush();
    }

    boolean closed() {
        return closed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("response body closed");
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
