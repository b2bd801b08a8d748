package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@code gantry cluster start} as its own process, as a person would, and stops it with a signal. */
class ClusterStartIT {
    @Test
    void startsServesStateAndStopsOnSignal() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dgantry.home=" + System.getProperty("gantry.home", "target/test-gantry-home"),
                GantryCli.class.getName(), "cluster", "start", "--port", "0", "--agents", "2", "--gpus", "1",
                "--gpu-model", "A100"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("Gantry embedded Mesos master: http://127.0.0.1:");
            Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher(first);
            assertThat(url.find()).isTrue();
            assertThat(out.readLine()).contains("1 GPU(s) A100 [0]");
            HttpResponse<String> state = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url.group(1) + "/state")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).isEqualTo(200);
            assertThat(state.body()).contains("\"gpu_model\" : \"A100\"").contains("\"activated_agents\" : 2");
            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
