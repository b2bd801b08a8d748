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
                throw tooLarge(maxBytes);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            // One byte more than allowed tells a body over the limit from one exactly at it.
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        }
    }

    private static ApiException tooLarge(long maxBytes) {
        return ApiException.tooLarge("the request body is over the limit of " + maxBytes + " bytes");
    }
}
