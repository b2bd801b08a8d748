package dev.gantry.localcluster;

import java.io.IOException;
import java.io.InputStream;

/** One request's body on a kept-alive connection: at most its Content-Length of the connection's bytes. */
final class BoundedBody extends InputStream {
    private final InputStream in;
    private long left;

    BoundedBody(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    /** Bytes of the body not read yet. */
    long remaining() {
        return left;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }
}
