package dev.gantry.localcluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * Two command tasks whose sandboxes the {@code /files/read} tests read, on the embedded cluster
 * and on real Mesos alike: {@value #DONE} writes known files and finishes, {@value #RUNNING}
 * prints one line and keeps running.
 */
final class SandboxFiles {
    static final String DONE = "done";
    static final String RUNNING = "running";
    static final String STDOUT = "hello\nworld\n";
    /**
     * What the finished task leaves: stdout and stderr, bytes that are not UTF-8 and must be
     * escaped, a file in a directory, a link inside its sandbox and one into the other task's.
     */
    static final String DONE_COMMAND = String.join("; ",
            "printf 'hello\\nworld\\n'",
            "printf 'err-line\\n' >&2",
            // FF FE 00 'A' C3 A9 '"' '\' TAB 01 7F
            "printf '\\377\\376\\000A\\303\\251\"\\\\\\t\\001\\177' > bin.dat",
            "mkdir sub", "echo inner > sub/f.txt",
            "head -c 100000 /dev/zero | tr '\\000' a > big.txt",
            "ln -s stdout inner-link",
            "ln -s ../../../" + RUNNING + "/runs/latest/stdout sibling-link");
    /** The bytes of {@code bin.dat} as Mesos writes them into {@code data}. */
    static final byte[] BIN_DATA_JSON = {(byte) 0xff, (byte) 0xfe, '\\', 'u', '0', '0', '0', '0', 'A', (byte) 0xc3,
        (byte) 0xa9, '\\', '"', '\\', '\\', '\\', 't', '\\', 'u', '0', '0', '0', '1', 0x7f};
    static final String RUNNING_COMMAND = "echo started; sleep 600";

    private SandboxFiles() {}

    /** An answer as it came: status, Content-Type and the body's bytes. */
    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Launches both tasks on {@code offer}'s agent and waits until one finished and the other runs. */
    static void launch(RawScheduler scheduler, Offer offer) throws Exception {
        scheduler.call(TaskInfos.launch(offer,
                TaskInfos.shell(DONE, offer.getAgentId(), DONE_COMMAND, 0.1, 32, 0, "*"),
                TaskInfos.shell(RUNNING, offer.getAgentId(), RUNNING_COMMAND, 0.1, 32, 0, "*")));
        scheduler.ackUntil(DONE, TaskState.TASK_FINISHED);
    }

    /** The virtual path Mesos gives a file of an executor's latest run. */
    static String virtual(String frameworkId, String executorId, String file) {
        return "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/latest" + (file.isEmpty() ? "" : "/" + file);
    }

    /** {@code GET base + endpoint + ?path=..&rest}; {@code rest} is the query after the path, raw. */
    static Answer read(URI base, String endpoint, String path, String rest) throws Exception {
        String query = (path == null ? "" : "path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                + (rest.isEmpty() ? "" : (path == null ? "" : "&") + rest);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + endpoint + "?" + query))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response = RawScheduler.HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Reads until {@code ready} holds, for up to two minutes: a running task writes when it gets to it. */
    static Answer await(URI base, String path, String rest, Predicate<Answer> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Answer last = read(base, "/files/read", path, rest);
        while (!ready.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer for " + path + " as wanted within 2 minutes; the last: "
                        + last.status() + " " + last.text());
            }
            Thread.sleep(100);
            last = read(base, "/files/read", path, rest);
        }
        return last;
    }
}
