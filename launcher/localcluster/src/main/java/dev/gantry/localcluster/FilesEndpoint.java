package dev.gantry.localcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /files/read}: a Mesos agent's file endpoint, which reads a piece of a file in an
 * executor's sandbox. Every embedded agent answers on the master's port, so {@code /files/read}
 * searches all of them; {@code /slave(N)/files/read} (an embedded-only address: a real agent
 * answers 404 there) reads agent N's sandboxes only.
 *
 * <p>What a real Mesos 1.12 agent answers, probed with a master, an agent and command tasks
 * (and followed here):
 * <ul>
 *   <li>{@code ?path=P&offset=O&length=L}: 200, {@code Content-Type: application/json},
 *       {@code {"data":"...","offset":O}} with the bytes {@code [O, O+L)} (fewer at the end of the
 *       file, none at or past it, {@code offset} always the one asked for). A running task's
 *       stdout reads the same as a finished one's.</li>
 *   <li>{@code offset} left out or {@code -1}: the file's size in {@code offset}, {@code data}
 *       empty, whatever {@code length} says. {@code length} left out or {@code -1}: as much as
 *       the agent reads at once, 16 pages (64 KiB), which also caps any larger length.</li>
 *   <li>{@code data} holds the file's bytes as they are: {@code "} and {@code \} escaped,
 *       control characters as {@code \b \t \n \f \r} or <code>&#92;u00XX</code> (upper-case hex),
 *       everything else (DEL, bytes of 0x80 and above, valid UTF-8 or not) copied raw, so a
 *       body need not be UTF-8. '/' is not escaped.</li>
 *   <li>Paths: the virtual {@code /frameworks/F/executors/E/runs/latest/...} and the sandbox's
 *       own paths on the agent's disk ({@code WORK/.../runs/<container>/...} and
 *       {@code .../runs/latest/...}); not {@code /frameworks/F/executors/E/runs/<container>}, not
 *       anything above a run directory, not a relative path (all 404). The longest leading part of
 *       the path, as written, that names a run directory is taken, and the rest resolved inside it
 *       as realpath(3) does, links first, then dots: {@code latest/sub/../stdout} and
 *       {@code <run>/../latest/stdout} read {@code stdout}; a rest that ends outside the run
 *       directory (a link out of it, {@code <run>/..}, enough {@code ..} to reach {@code /etc/passwd})
 *       is 400 {@code '<run dir>/<rest as written>' is inaccessible.}; one that ends nowhere, 404.
 *       A link that stays inside its sandbox is read.</li>
 *   <li>Missing file, unknown framework or executor, path outside any sandbox: 404, empty body.
 *       A directory: 400 {@code Cannot read a directory.}</li>
 *   <li>No or empty {@code path}: 400 {@code Expecting 'path=value' in query.}; {@code offset}
 *       or {@code length} not a 64-bit integer: 400 {@code Failed to parse offset: Failed to
 *       convert 'abc' to number.}; below -1: 400 {@code Negative offset provided: -2.} (length
 *       alike). Every error text ends with a newline and has {@code text/plain; charset=utf-8}.</li>
 *   <li>A repeated parameter: the last one counts. {@code jsonp=cb}: {@code cb(...)} as
 *       {@code text/javascript}. Any method is answered; {@code /files/read/} too, not
 *       {@code /files/read.json}. No authentication unless the agent's own
 *       {@code --authenticate_http_readonly} is set, which a master's framework authentication does
 *       not touch: the embedded cluster's credentials (framework authentication) leave it open,
 *       as Gantry's own readers, which send none, expect.</li>
 * </ul>
 * Where this one differs on purpose: a file that is not a regular file (a FIFO a task made) is
 * refused with 400, where the real agent blocks its file server for good trying to read it.
 */
final class FilesEndpoint implements HttpHandler {
    /** The real agent reads at most 16 pages at once. */
    static final int MAX_LENGTH = 16 * 4096;

    private final String path;
    private final List<Agent> agents;

    /** @param path the endpoint's own path; {@code agents} the agents whose sandboxes it reads */
    FilesEndpoint(String path, List<Agent> agents) {
        this.path = path;
        this.agents = List.copyOf(agents);
    }

    /** A run directory a request may read from, and the rest of the path inside it. */
    private record Attached(Path runDir, String rest) {}

    /** An answer: a status and either a JSON document or a text. */
    private record Answer(int status, byte[] json, String text) {
        static Answer error(int status, String text) {
            return new Answer(status, null, text);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requested = exchange.getRequestURI().getPath();
        if (!requested.equals(path) && !requested.equals(path + "/")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + requested);
            return;
        }
        Map<String, String> query;
        try {
            query = query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            text(exchange, 400, "Unable to decode query string: " + e.getMessage());
            return;
        }
        Answer answer = read(query);
        if (answer.json() == null) {
            text(exchange, answer.status(), answer.text());
            return;
        }
        String jsonp = query.get("jsonp");
        byte[] body = answer.json();
        String type = "application/json";
        if (jsonp != null) {
            ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
            wrapped.writeBytes(jsonp.getBytes(StandardCharsets.UTF_8));
            wrapped.write('(');
            wrapped.writeBytes(body);
            wrapped.write(')');
            body = wrapped.toByteArray();
            type = "text/javascript";
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    private Answer read(Map<String, String> query) {
        String file = query.get("path");
        if (file == null || file.isEmpty()) {
            return Answer.error(400, "Expecting 'path=value' in query.");
        }
        long offset = -1;
        if (query.containsKey("offset")) {
            Optional<Long> parsed = number(query.get("offset"));
            if (parsed.isEmpty()) {
                return Answer.error(400, "Failed to parse offset: Failed to convert '" + query.get("offset")
                        + "' to number.");
            }
            if (parsed.get() < -1) {
                return Answer.error(400, "Negative offset provided: " + parsed.get() + ".");
            }
            offset = parsed.get();
        }
        long length = -1;
        if (query.containsKey("length")) {
            Optional<Long> parsed = number(query.get("length"));
            if (parsed.isEmpty()) {
                return Answer.error(400, "Failed to parse length: Failed to convert '" + query.get("length")
                        + "' to number.");
            }
            if (parsed.get() < -1) {
                return Answer.error(400, "Negative length provided: " + parsed.get() + ".");
            }
            length = parsed.get();
        }
        int bounded = length == -1 ? MAX_LENGTH : (int) Math.min(length, MAX_LENGTH);
        Answer first = null;
        for (Attached attached : attached(file)) {
            Answer answer = read(attached, offset, bounded);
            if (answer.status() == 200) {
                return answer;
            }
            if (first == null || first.status() == 404) {
                first = answer;
            }
        }
        return first != null ? first : Answer.error(404, "");
    }

    /**
     * Where {@code file} may be, one place per agent that has its run directory, found as Mesos
     * finds it: the longest leading part of the path, taken as it is written, that names a run
     * directory (virtually or on disk); the rest is read relative to it. Empty when no part does.
     */
    private List<Attached> attached(String file) {
        if (!file.startsWith("/")) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        for (String token : file.split("/")) {
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        for (int i = tokens.size(); i >= RUN_TOKENS; i--) {
            List<String> prefix = tokens.subList(0, i);
            String rest = String.join("/", tokens.subList(i, tokens.size()));
            List<Attached> found = new ArrayList<>();
            for (Agent agent : agents) {
                Path root = agent.sandboxRoot.toAbsolutePath().normalize();
                List<String> rootTokens = new ArrayList<>();
                root.forEach(name -> rootTokens.add(name.toString()));
                // /frameworks/F/executors/E/runs/latest: the latest run of executor E, on any of the agents;
                // WORK/agents/A/frameworks/F/executors/E/runs/<container or latest>: a sandbox on disk.
                Path runDir = null;
                if (i == RUN_TOKENS && isRun(prefix, true)) {
                    runDir = root.resolve(String.join("/", prefix));
                } else if (i == rootTokens.size() + RUN_TOKENS && prefix.subList(0, rootTokens.size()).equals(rootTokens)
                        && isRun(prefix.subList(rootTokens.size(), i), false)) {
                    runDir = root.resolve(String.join("/", prefix.subList(rootTokens.size(), i)));
                }
                if (runDir != null && Files.isDirectory(runDir)) {
                    found.add(new Attached(runDir, rest));
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** How many names a run directory has below an agent's sandbox root. */
    private static final int RUN_TOKENS = 6;

    /** Whether {@code run} is {@code frameworks/F/executors/E/runs/R}, R {@code latest} where asked. */
    private static boolean isRun(List<String> run, boolean latestOnly) {
        for (int i : new int[] {1, 3, 5}) {
            if (run.get(i).equals(".") || run.get(i).equals("..")) {
                return false;
            }
        }
        return run.get(0).equals("frameworks") && run.get(2).equals("executors") && run.get(4).equals("runs")
                && (!latestOnly || run.get(5).equals("latest"));
    }

    private static Answer read(Attached attached, long offset, int length) {
        Path runDir;
        Path real;
        try {
            runDir = attached.runDir().toRealPath();
            // Like realpath(3): links followed, then dots, so that a path may only lead out of its run
            // directory and back in as it would on the agent.
            real = runDir.resolve(attached.rest()).toRealPath();
        } catch (IOException | InvalidPathException e) {
            return Answer.error(404, "");
        }
        String named = attached.rest().isEmpty() ? runDir.toString() : runDir + "/" + attached.rest();
        if (!real.startsWith(runDir)) {
            return Answer.error(400, "'" + named + "' is inaccessible.");
        }
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            return Answer.error(400, "Cannot read a directory.");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            return Answer.error(400, "Cannot read '" + named + "': not a regular file.");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (offset == -1) {
                return new Answer(200, json(new byte[0], size), null);
            }
            if (offset >= size) {
                return new Answer(200, json(new byte[0], offset), null);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, size - offset));
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // A file that shrank meanwhile gives what is left.
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            return new Answer(200, json(data, offset), null);
        } catch (NoSuchFileException e) {
            return Answer.error(404, "");
        } catch (AccessDeniedException e) {
            return Answer.error(500, "Failed to open file at '" + real + "': Permission denied.");
        } catch (IOException e) {
            return Answer.error(500, "Failed to open file at '" + real + "': " + e.getMessage() + ".");
        }
    }

    /**
     * {@code {"data":"...","offset":N}} as Mesos writes it: the bytes as they are, only quotes,
     * backslashes and control characters escaped.
     */
    static byte[] json(byte[] data, long offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 32);
        out.writeBytes("{\"data\":\"".getBytes(StandardCharsets.US_ASCII));
        for (byte b : data) {
            switch (b) {
                case '"' -> out.writeBytes(new byte[] {'\\', '"'});
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\b' -> out.writeBytes(new byte[] {'\\', 'b'});
                case '\f' -> out.writeBytes(new byte[] {'\\', 'f'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                default -> {
                    if (b >= 0 && b < 0x20) {
                        out.writeBytes(String.format("\\u%04X", b).getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(b);
                    }
                }
            }
        }
        out.writeBytes(("\",\"offset\":" + offset + "}").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A 64-bit integer as Mesos reads one: decimal, or hexadecimal after {@code 0x}; nothing around it. */
    private static Optional<Long> number(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Optional.of(Long.parseLong(text.substring(2), 16));
            }
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The query's parameters, decoded; of a repeated one the last, as Mesos keeps it. */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** An error as the agent sends it: text/plain, a newline after the text, an empty body for a 404. */
    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.isEmpty() ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
