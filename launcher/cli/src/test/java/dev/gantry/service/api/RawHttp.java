package dev.gantry.service.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what HttpClient will not send: a Content-Length with no body
 * behind it, a chunked body of our own making.
 */
final class RawHttp {
    /** Status line, headers (lower-cased names) and body of an answer. */
    record Answer(int status, String head, String body) {}

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, without the blank line), then {@code body} as is. */
    static Answer exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // A server that waited for the body instead of answering would fail the test here, not hang it.
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** A chunked body of {@code size} bytes of 'x', in chunks of 512, with its last chunk. */
    static byte[] chunked(int size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int sent = 0; sent < size; sent += 512) {
            int n = Math.min(512, size - sent);
            body.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes("x".repeat(n).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside the answer's head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(text.split(" ")[1]), text.toLowerCase(Locale.ROOT), body);
    }
}
