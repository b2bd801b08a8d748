package dev.gantry.service.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.service.api.ApiServer;
import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.api.RecordingJobService;
import dev.gantry.service.api.TestUsers;
import dev.gantry.service.jobs.LogName;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the real API server, so the two ends of the wire are checked together. */
class ServiceClientTest {
    private final RecordingJobService service = new RecordingJobService();
    private final TestUsers users = new TestUsers();
    private ApiServer server;
    private ServiceClient alice;

    @BeforeEach
    void start() {
        server = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0));
        alice = new ServiceClient(URI.create(server.url() + "/"), users.aliceToken);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void submitsAndReadsJobsBack() {
        RemoteJob submitted = alice.submit("name: mnist\n", 5);
        assertThat(submitted.name()).isEqualTo("mnist");
        assertThat(submitted.priority()).isEqualTo(5);
        assertThat(submitted.url()).isEqualTo(server.url() + "/api/v1/jobs/" + submitted.id());
        assertThat(submitted.submitted()).isEqualTo(RecordingJobService.NOW);
        assertThat(submitted.isFinal()).isFalse();
        RemoteJob shown = alice.job(submitted.id());
        assertThat(shown.events()).extracting(RemoteJob.Event::to).containsExactly("QUEUED");
        assertThat(alice.whoami()).isEqualTo(new Caller("alice", "vision"));
        assertThat(alice.cancel(submitted.id()).state()).isEqualTo("CANCELLED");
    }

    @Test
    void listsWithStatesUserAndLimit() {
        Job a = service.add("vision", "alice", "a", JobState.RUNNING);
        service.add("vision", "bob", "b", JobState.RUNNING);
        service.add("vision", "alice", "q", JobState.QUEUED);
        assertThat(alice.jobs(List.of("RUNNING"), "alice", 10)).extracting(RemoteJob::id).containsExactly(a.id());
        assertThat(alice.jobs(List.of(), null, 2)).hasSize(2);
    }

    @Test
    void readsLogPartsWithTheirOffsets() {
        Job job = service.add("vision", "alice", "a", JobState.RUNNING);
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDOUT), "hello world");
        assertThat(alice.logNames(job.id())).containsExactly("driver.stdout@1");
        LogPart part = alice.log(job.id(), "driver.stdout", 6, 100);
        assertThat(new String(part.data(), StandardCharsets.UTF_8)).isEqualTo("world");
        assertThat(part.name()).isEqualTo("driver.stdout@1");
        assertThat(part.nextOffset()).isEqualTo(11);
        assertThat(part.complete()).isTrue();
        assertThat(part.isEnd()).isFalse();
        assertThat(alice.log(job.id(), "driver.stdout@1", 11, 100).isEnd()).isTrue();
    }

    @Test
    void errorAnswersCarryTheServicesLineStatusAndField() {
        Job other = service.add("nlp", "carol", "c", JobState.RUNNING);
        assertThatThrownBy(() -> alice.job(other.id())).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("job " + other.id() + " belongs to another team");
            assertThat(e.isRequestError()).isTrue();
        });
        assertThatThrownBy(() -> alice.submit("workers: 0\n", 0)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).hasValue("resources.workers");
        });
        assertThatThrownBy(() -> alice.log(other.id() + 100, "driver.stdout", 0, 10))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.status()).isEqualTo(404));
        ServiceClient stranger = new ServiceClient(server.url(), "gantry_not-a-token");
        assertThatThrownBy(stranger::whoami).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("unknown API token").doesNotContain("gantry_not-a-token");
        });
    }

    @Test
    void noServiceIsUnreachableNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> new ServiceClient(nowhere, users.aliceToken).whoami())
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageStartingWith("cannot reach the Gantry service at " + nowhere + ": ")
                .hasMessageNotContaining(users.aliceToken);
    }
}
