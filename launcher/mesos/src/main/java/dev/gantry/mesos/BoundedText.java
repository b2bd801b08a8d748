package dev.gantry.mesos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects the start of an HTTP answer body as text, for error messages; whatever follows the
 * limit is dropped, so a misbehaving server cannot make the client buffer without bound.
 */
final class BoundedText implements Consumer<Optional<byte[]>> {
    static final int DEFAULT_LIMIT = 16 * 1024;

    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean truncated;

    BoundedText(int limit) {
        this.limit = limit;
    }

    BoundedText() {
        this(DEFAULT_LIMIT);
    }

    @Override
    public synchronized void accept(Optional<byte[]> chunk) {
        chunk.ifPresent(this::append);
    }

    synchronized void append(byte[] chunk) {
        int room = limit - bytes.size();
        if (chunk.length > room) {
            truncated = true;
        }
        bytes.write(chunk, 0, Math.min(room, chunk.length));
    }

    synchronized String text() {
        String text = bytes.toString(StandardCharsets.UTF_8).strip();
        return truncated ? text + " [...]" : text;
    }
}
