package dev.gantry.benchmarks.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real Apache Mesos master and agents started by the caller ({@code benchmarks/real-mesos.sh}),
 * given as {@code -Dgantry.benchmarks.realMesos=mesos://127.0.0.1:PORT}: the same Gantry backend as
 * the embedded mode, against the master users run. Its executors are the agents' children, not
 * this JVM's, so each round waits until the master lists no framework before the next starts.
 */
final class RealMesosMode implements StartupMode {
    static final String MASTER_PROPERTY = "gantry.benchmarks.realMesos";
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

    private final String master;
    private final HttpClient http = HttpClient.newHttpClient();

    RealMesosMode(String master) {
        this.master = master;
    }

    @Override
    public String name() {
        return "real Mesos";
    }

    @Override
    public RoundResult round(int executors) throws Exception {
        awaitNoFramework();
        return SparkRound.run(StartupMode.commonConf("startup-real-mesos", executors).setMaster(master), executors, 0);
    }

    private void awaitNoFramework() throws Exception {
        URI state = URI.create("http://" + master.substring("mesos://".length()) + "/state");
        long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(state).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode frameworks = new ObjectMapper().readTree(response.body()).path("frameworks");
            if (frameworks.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(master + " still runs " + frameworks.size() + " framework(s) after "
                        + QUIET_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }
}
