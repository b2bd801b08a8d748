package dev.gantry.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.job.JobSpecException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MasterProbeTest {
    @Test
    void aServerThatAnswersWithSomethingElseThanStateIsNamedAsSuch() throws Exception {
        // Something on the master's port that is no Mesos master: a web page where the state should be.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<html>not a master</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try {
            String master = "mesos://127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> MasterProbe.read(master, Optional.empty()))
                    .isInstanceOf(JobSpecException.class)
                    .hasMessageStartingWith("master: " + master + " answered GET /master/state with something other"
                            + " than Mesos state JSON: not JSON");
        } finally {
            server.stop(0);
        }
    }
}
