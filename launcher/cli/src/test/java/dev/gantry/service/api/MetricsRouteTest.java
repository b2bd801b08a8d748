package dev.gantry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.metrics.ServiceMetrics;
import dev.gantry.service.tenancy.ApiTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over real HTTP: any user's token reads it, no token or an unknown one is 401. */
class MetricsRouteTest {
    private final RecordingJobService service = new RecordingJobService();
    private final TestUsers users = new TestUsers();
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        server = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve("/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anyUsersTokenReadsTheMetricsInPrometheusText() throws Exception {
        metrics.jobFinished("nlp", "FAILED");
        for (String token : users.all()) {
            HttpResponse<String> answer = scrape("Bearer " + token);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(metrics.contentType());
            // Another team's numbers too: metrics carry teams and ids, nothing private.
            assertThat(answer.body()).contains("gantry_job_outcomes_total{state=\"FAILED\",team=\"nlp\"} 1");
        }
    }

    @Test
    void noTokenOrAnUnknownOneIs401() throws Exception {
        for (String authorization : new String[] {null, "Bearer " + ApiTokens.generate(), users.aliceToken}) {
            HttpResponse<String> answer = scrape(authorization);
            assertThat(answer.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(answer.body()).doesNotContain("gantry_");
        }
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.url().resolve("/metrics"))
                .header("Authorization", "Bearer " + users.aliceToken).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(405);
    }

    @Test
    void withoutMetricsTheRouteIsNotThere() throws Exception {
        try (ApiServer plain = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0))) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(plain.url().resolve("/metrics"))
                    .header("Authorization", "Bearer " + users.aliceToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
        }
    }
}
