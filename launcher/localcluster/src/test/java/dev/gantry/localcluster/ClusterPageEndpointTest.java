package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster's page at its root, beside the API it reads, over real HTTP. */
class ClusterPageEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = LocalCluster.start(ClusterSpec.builder().agent(AgentSpec.builder().cpus(1).memMb(512).gpus(2).build())
                .build());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootIsThePageWhoseScriptReadsTheMastersStateWhichSaysWhichDevicesEachAgentHas() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'"));
        assertThat(page.body()).contains("<script src=\"/ui/cluster.js\">");
        assertThat(get("/ui/cluster.js").body()).contains("/master/state").contains("gpu_devices");
        assertThat(get("/ui/cluster.css").statusCode()).isEqualTo(200);
        // What the script draws from: the agents' GPUs by index.
        JsonNode agent = new ObjectMapper().readTree(get("/master/state").body()).path("agents").path(0);
        assertThat(agent.path("gpus").findValuesAsText("index")).containsExactly("0", "1");
    }

    @Test
    void pathsOfNeitherThePageNorTheApiAreNotFound() throws Exception {
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/ui/other.js").statusCode()).isEqualTo(404);
        assertThat(get("/ui/../master/state").statusCode()).isIn(200, 404);
        assertThat(get("/master/health").statusCode()).isEqualTo(200);
    }
}
