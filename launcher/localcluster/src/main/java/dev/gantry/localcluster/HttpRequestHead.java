package dev.gantry.localcluster;

import com.sun.net.httpserver.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.x request line and headers, read with bounds a peer cannot push past: a line of at
 * most {@value #MAX_LINE} bytes and at most {@value #MAX_HEADERS} headers.
 */
record HttpRequestHead(String method, URI uri, String protocol, Headers headers) {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 100;

    /** A request the master cannot read; the connection answers 400 and closes. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** The next request's head; null when the peer closed the connection between requests. */
    static HttpRequestHead read(InputStream in) throws IOException {
        String requestLine = line(in, true);
        while (requestLine != null && requestLine.isEmpty()) {
            // RFC 9112 2.2: ignore empty lines before a request line.
            requestLine = line(in, true);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Malformed("Malformed request line");
        }
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (java.net.URISyntaxException e) {
            throw new Malformed("Malformed request target");
        }
        Headers headers = new Headers();
        String header;
        int count = 0;
        while (!(header = line(in, false)).isEmpty()) {
            if (++count > MAX_HEADERS) {
                throw new Malformed("Too many headers");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("Malformed header");
            }
            headers.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        return new HttpRequestHead(parts[0], uri, parts[2], headers);
    }

    boolean keepAlive() {
        String connection = headers.getFirst("Connection");
        if (protocol.equals("HTTP/1.0")) {
            return connection != null && connection.equalsIgnoreCase("keep-alive");
        }
        return connection == null || !connection.equalsIgnoreCase("close");
    }

    private static String line(InputStream in, boolean endMayBeClean) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (endMayBeClean && line.size() == 0) {
                    return null;
                }
                throw new Malformed("Connection closed within a request head");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new Malformed("Request head line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
