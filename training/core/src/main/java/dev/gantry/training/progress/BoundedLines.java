package dev.gantry.training.progress;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the stream at a line longer than its bound, so that a reader's {@code readLine} never
 * grows without bound on what a peer sends: both ends of the progress connection read lines
 * their peer writes.
 */
final class BoundedLines extends InputStream {
    private final InputStream in;
    private final int maxLine;
    private int lineLength;

    BoundedLines(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        count(b);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(int b) throws IOException {
        lineLength = b == '\n' ? 0 : lineLength + 1;
        if (lineLength > maxLine) {
            throw new IOException("progress line over " + maxLine + " bytes");
        }
    }
}
