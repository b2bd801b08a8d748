package dev.gantry.service.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request's body, never more than the limit in memory: a Content-Length over it is answered 413
 * before a byte is read; a chunked body (no length) is counted while read, and refused at the
 * first byte past the limit.
 */
final class RequestBody {
    /**
     * How much of a body over the limit is read and thrown away before the 413 goes out. A client
     * that sends its whole body before reading (the JDK's HttpClient does) would otherwise meet a
     * connection reset, not the answer: closing a socket with unread bytes in it resets it. A body
     * more than this over the limit is refused without reading it; such a client may see only the reset.
     */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private RequestBody() {}

    static String utf8(HttpExchange exchange, long maxBytes) throws IOException {
        byte[] bytes = bytes(exchange, maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(null, "the request body is not UTF-8 text");
        }
    }

    static byte[] bytes(HttpExchange exchange, long maxBytes) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(null, "Content-Length '" + declared + "' is not a number");
            }
            if (length > maxBytes) {
                if (length - maxBytes <= DRAIN_BYTES) {
                    drain(exchange.getRequestBody(), length);
                }
                throw tooLarge(maxBytes);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            // One byte more than allowed tells a body over the limit from one exactly at it.
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                drain(in, DRAIN_BYTES);
                throw tooLarge(maxBytes);
            }
            return bytes;
        }
    }

    /** Reads and drops up to {@code most} bytes, or to the body's end. */
    private static void drain(InputStream in, long most) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = most;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return;
            }
            left -= read;
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return ApiException.tooLarge("the request body is over the limit of " + maxBytes + " bytes");
    }
}
