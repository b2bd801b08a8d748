package dev.gantry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web UI's files over real HTTP: served without a token, under a strict policy, nothing else reachable. */
class WebUiFilesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        server = ApiServer.start(new RecordingJobService(), new TestUsers().authenticator(),
                ApiSettings.defaults().withPort(0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootLeadsToThePageWhichLoadsItsScriptsAndUplotFromTheWebJar() throws Exception {
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/ui/");

        HttpResponse<String> page = get("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").contains("connect-src 'self'")
                        .doesNotContain("script-src 'self' 'unsafe"));
        assertThat(page.body()).contains("<script src=\"lib/uplot/uPlot.iife.min.js\">", "<script src=\"app.js\">");

        HttpResponse<String> uplot = get("/ui/lib/uplot/uPlot.iife.min.js");
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(uplot.body()).contains("uPlot");
        assertThat(get("/ui/lib/uplot/uPlot.min.css").statusCode()).isEqualTo(200);
        assertThat(get("/ui/app.js").body()).contains("Authorization");
    }

    @Test
    void nothingButTheUisOwnFilesCanBeAskedFor() throws Exception {
        for (String path : new String[] {"/ui/../api/v1/whoami", "/ui/%2e%2e/UiHandler.class", "/ui/UiHandler.class",
                "/ui/lib/uplot/../../index.html", "/ui/lib/uplot/package.json", "/ui/missing.js", "/ui/sub/app.js"}) {
            assertThat(get(path).statusCode()).as(path).isIn(400, 404);
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/ui/app.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void theApiStillNeedsAToken() throws Exception {
        assertThat(get("/api/v1/whoami").statusCode()).isEqualTo(401);
    }
}
