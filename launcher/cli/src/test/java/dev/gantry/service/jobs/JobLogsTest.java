package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.service.store.DriverPlacement;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JobLogs against a master's state and an agent's {@code /files/read} served on loopback (the
 * agent here only answers reads of the files it is given).
 */
class JobLogsTest {
    private static final String FRAMEWORK = "fw-service";
    private static final String JOB_FRAMEWORK = "fw-job";

    private HttpServer agent;
    private final Map<String, String> files = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void startAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/files/read", exchange -> {
            Map<String, String> query = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            asked.add(query.get("path"));
            String content = files.get(query.get("path"));
            byte[] body;
            int status = 200;
            if (content == null) {
                status = 404;
                body = new byte[0];
            } else {
                int offset = Integer.parseInt(query.get("offset"));
                int length = Integer.parseInt(query.get("length"));
                String part = content.substring(Math.min(offset, content.length()),
                        Math.min(content.length(), offset + length));
                body = ("{\"data\":\"" + part.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        + "\",\"offset\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    private String state(String driverState, String... workerIds) {
        StringBuilder workers = new StringBuilder();
        for (String id : workerIds) {
            workers.append(workers.length() == 0 ? "" : ",").append("""
                    {"id": "%s", "framework_id": "%s", "executor_id": "", "slave_id": "S0", "state": "TASK_RUNNING",
                     "labels": [{"key": "gantry_job", "value": "7"}, {"key": "gantry_attempt", "value": "1"}]}
                    """.formatted(id, JOB_FRAMEWORK));
        }
        return """
                {"slaves": [{"id": "S0", "pid": "slave(1)@127.0.0.1:%d"}],
                 "frameworks": [
                   {"id": "%s", "tasks": [{"id": "driver-7-1", "executor_id": "", "slave_id": "S0", "state": "%s"}]},
                   {"id": "%s", "tasks": [%s]}],
                 "completed_frameworks": []}
                """.formatted(agent.getAddress().getPort(), FRAMEWORK, driverState, JOB_FRAMEWORK, workers);
    }

    private static Job job(JobState state) {
        return new Job(7, "vision", "alice", "resnet", "name: resnet\n", state, 0, 2, Instant.EPOCH, null, null, 1, 0,
                DriverPlacement.launched("driver-7-1"), "/out/7", null);
    }

    private JobLogs logs(String state) {
        return new JobLogs(() -> state, () -> Optional.of(FRAMEWORK), HttpClient.newHttpClient());
    }

    @Test
    void theDriversAndEachWorkersLogsAreListedWorkersInSparksOrder() {
        List<String> workers = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            workers.add(Integer.toString(i));
        }
        List<LogName> names = logs(state("TASK_RUNNING", workers.toArray(String[]::new))).names(job(JobState.RUNNING));

        assertThat(names).startsWith(LogName.driver(1, LogName.Stream.STDOUT), LogName.driver(1, LogName.Stream.STDERR));
        assertThat(names).hasSize(2 + 2 * 11);
        // worker-2 is the executor "2", worker-10 the executor "10": not in the order of the ids as text.
        assertThat(names).contains(LogName.worker(10, 1, LogName.Stream.STDERR));
        files.put("/frameworks/" + JOB_FRAMEWORK + "/executors/2/runs/latest/stdout", "executor two\n");
        LogChunk chunk = logs(state("TASK_RUNNING", workers.toArray(String[]::new)))
                .read(job(JobState.RUNNING), LogName.worker(2, 1, LogName.Stream.STDOUT), 0, 1024);
        assertThat(new String(chunk.data(), StandardCharsets.UTF_8)).isEqualTo("executor two\n");
    }

    @Test
    void aDriversLogIsReadFromAnOffsetAndCompleteOnceItsTaskEnded() {
        files.put("/frameworks/" + FRAMEWORK + "/executors/driver-7-1/runs/latest/stdout", "line one\nline \"two\"\n");

        LogChunk first = logs(state("TASK_RUNNING")).read(job(JobState.RUNNING),
                LogName.driver(1, LogName.Stream.STDOUT), 0, 9);
        assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("line one\n");
        assertThat(first.complete()).isFalse();

        LogChunk rest = logs(state("TASK_FINISHED")).read(job(JobState.COMPLETED),
                LogName.driver(1, LogName.Stream.STDOUT), first.nextOffset(), 1024);
        assertThat(new String(rest.data(), StandardCharsets.UTF_8)).isEqualTo("line \"two\"\n");
        assertThat(rest.complete()).isTrue();
        assertThat(asked).allMatch(path -> path.startsWith("/frameworks/"));
    }

    @Test
    void aLogWhoseSandboxIsGoneIsEmptyNotAnError() {
        LogChunk chunk = logs(state("TASK_FINISHED")).read(job(JobState.COMPLETED),
                LogName.driver(1, LogName.Stream.STDERR), 0, 1024);
        assertThat(chunk.data()).isEmpty();
        assertThat(chunk.complete()).isTrue();
    }
}
