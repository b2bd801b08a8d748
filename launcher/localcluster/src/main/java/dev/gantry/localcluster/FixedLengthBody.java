package dev.gantry.localcluster;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A response body of a declared length: never more bytes than declared; the socket stays open on close. */
final class FixedLengthBody extends FilterOutputStream {
    private long left;

    FixedLengthBody(OutputStream socket, long length) {
        super(socket);
        this.left = length;
    }

    @Override
    public void write(int b) throws IOException {
        if (left <= 0) {
            throw new IOException("response body longer than its Content-Length");
        }
        out.write(b);
        left--;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > left) {
            throw new IOException("response body longer than its Content-Length");
        }
        out.write(b, off, len);
        left -= len;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    boolean complete() {
        return left == 0;
    }
}
