package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.api.ApiServer;
import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.api.RecordingJobService;
import dev.gantry.service.api.TestUsers;
import dev.gantry.service.jobs.LogName;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** gantry submit, jobs, logs and cancel, run in this JVM against the real API server over a recording JobService. */
class GantryCliServiceCommandsTest {
    @TempDir
    Path dir;

    private final RecordingJobService service = new RecordingJobService();
    private final TestUsers users = new TestUsers();
    private final Map<String, String> environment = new HashMap<>();
    private ApiServer server;
    private Path home;
    private Path aliceTokenFile;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(service, users.authenticator(), ApiSettings.defaults().withPort(0));
        home = Files.createDirectories(dir.resolve("home"));
        aliceTokenFile = Files.writeString(dir.resolve("alice.token"), users.aliceToken + "\n");
        environment.put(ServiceOptions.ENVIRONMENT, server.url().toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void submitSendsTheFileAsWrittenAndPrintsTheJobsIdAndUrl() throws Exception {
        String spec = "name: mnist\nresources:\n  workers: 2   # two GPUs\n";
        Path file = Files.writeString(dir.resolve("job.yaml"), spec);
        CliRun run = cli("submit", file.toString(), "--priority", "3", "--token-file", aliceTokenFile.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("submitted job 1: " + server.url() + "/api/v1/jobs/1" + System.lineSeparator());
        assertThat(service.submissions).singleElement().satisfies(s -> {
            assertThat(s.specText()).isEqualTo(spec);
            assertThat(s.priority()).isEqualTo(3);
        });
    }

    @Test
    void aMissingOrNonUtf8FileIsBadInputBeforeTheServiceIsAsked() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});
        for (Path file : new Path[] {dir.resolve("missing.yaml"), latin1, dir}) {
            CliRun run = cli("submit", file.toString(), "--token-file", aliceTokenFile.toString());
            assertThat(run.exit()).as(file.toString()).isEqualTo(2);
            assertThat(run.err()).startsWith("gantry: job spec " + file).hasLineCount(1);
        }
        assertThat(service.calls).isEmpty();
    }

    @Test
    void aRejectedSpecPrintsTheServicesLineAndExits2() throws Exception {
        Path file = Files.writeString(dir.resolve("job.yaml"), "resources:\n  workers: 0\n");
        CliRun run = cli("submit", file.toString(), "--token-file", aliceTokenFile.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gantry: resources.workers must be at least 1, got 0" + System.lineSeparator());
    }

    @Test
    void jobsListsYourJobsOrWithAllUsersYourTeams() {
        service.add("vision", "alice", "alice-job", JobState.RUNNING);
        service.add("vision", "bob", "bob-job", JobState.QUEUED);
        service.add("nlp", "carol", "carol-job", JobState.QUEUED);
        CliRun mine = cli("jobs", "--token-file", aliceTokenFile.toString());
        assertThat(mine.exit()).as(mine.err()).isZero();
        assertThat(mine.out().lines()).hasSize(2);
        assertThat(mine.out().lines().findFirst()).hasValueSatisfying(header ->
                assertThat(header.split("\\s+")).containsExactly("ID", "NAME", "USER", "STATE", "GPUS", "ATTEMPTS", "AGE"));
        assertThat(mine.out()).contains("alice-job").doesNotContain("bob-job", "carol-job");
        assertThat(mine.out().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                .containsSubsequence("1", "alice-job", "alice", "RUNNING", "2", "1");

        CliRun team = cli("jobs", "--all-users", "--token-file", aliceTokenFile.toString());
        assertThat(team.out()).contains("alice-job", "bob-job").doesNotContain("carol-job");
        CliRun queued = cli("jobs", "--all-users", "--state", "QUEUED", "--token-file", aliceTokenFile.toString());
        assertThat(queued.out()).contains("bob-job").doesNotContain("alice-job");
        CliRun none = cli("jobs", "--state", "QUEUED", "--token-file", aliceTokenFile.toString());
        assertThat(none.out()).startsWith("no jobs in QUEUED");
    }

    @Test
    void logsPrintsTheDriversStdoutByDefaultAndFollowsToTheEnd() {
        Job job = service.add("vision", "alice", "j", JobState.RUNNING);
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDOUT), "epoch 1\n", "epoch 2\n", "done\n");
        service.log(job.id(), LogName.driver(1, LogName.Stream.STDERR), "WARN something\n");
        String token = aliceTokenFile.toString();

        CliRun soFar = cli("logs", Long.toString(job.id()), "--token-file", token);
        assertThat(soFar.exit()).as(soFar.err()).isZero();
        assertThat(soFar.out()).as("without -f: what is written so far").isEqualTo("epoch 1\n");

        CliRun followed = cli("logs", Long.toString(job.id()), "-f", "--token-file", token);
        assertThat(followed.exit()).as(followed.err()).isZero();
        assertThat(followed.out()).isEqualTo("epoch 1\nepoch 2\ndone\n");

        CliRun stderr = cli("logs", Long.toString(job.id()), "driver.stderr@1", "--token-file", token);
        assertThat(stderr.out()).isEqualTo("WARN something\n");
        CliRun list = cli("logs", Long.toString(job.id()), "--list", "--token-file", token);
        assertThat(list.out().lines()).containsExactly("driver.stdout@1", "driver.stderr@1");
    }

    @Test
    void cancelCancelsAndAnotherTeamsJobIsRefused() {
        Job own = service.add("vision", "alice", "mine", JobState.QUEUED);
        Job others = service.add("nlp", "carol", "theirs", JobState.RUNNING);
        CliRun cancelled = cli("cancel", Long.toString(own.id()), "--token-file", aliceTokenFile.toString());
        assertThat(cancelled.exit()).isZero();
        assertThat(cancelled.out()).isEqualTo("cancelled job " + own.id() + " 'mine'" + System.lineSeparator());
        CliRun refused = cli("cancel", Long.toString(others.id()), "--token-file", aliceTokenFile.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("gantry: job " + others.id() + " belongs to another team"
                + System.lineSeparator());
        assertThat(service.calls).containsExactly("cancel " + own.id() + " alice");
    }

    @Test
    void theTokenComesFromTheOptionTheEnvironmentOrTheHomeDirectory() throws Exception {
        assertThat(cli("jobs").err()).startsWith("gantry: no API token: set $GANTRY_TOKEN");
        Files.createDirectories(home.resolve(".gantry"));
        Files.writeString(home.resolve(".gantry/token"), "  " + users.bobToken + "  \nignored\n");
        assertThat(cli("cancel", "99").err()).as("bob's token from ~/.gantry/token reaches the service")
                .isEqualTo("gantry: no job 99" + System.lineSeparator());
        service.add("vision", "carol-is-not-here", "x", JobState.QUEUED);
        environment.put(ServiceToken.ENVIRONMENT, users.carolToken);
        assertThat(cli("cancel", "1").err()).as("$GANTRY_TOKEN wins over the file").contains("another team");
        assertThat(cli("cancel", "1", "--token-file", aliceTokenFile.toString()).exit()).as("--token-file wins")
                .isZero();
        CliRun missing = cli("jobs", "--token-file", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gantry: token file " + dir.resolve("nope") + " does not exist"
                + System.lineSeparator());
        for (String[] args : new String[][] {{"jobs", "--token", users.aliceToken}, {"jobs", "--token=" + users.aliceToken}}) {
            CliRun onTheCommandLine = cli(args);
            assertThat(onTheCommandLine.exit()).isEqualTo(2);
            assertThat(onTheCommandLine.err()).startsWith("gantry: there is no --token option").hasLineCount(1);
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutEverPrintingIt() throws Exception {
        String wrong = "gantry_" + "x".repeat(43);
        Path file = Files.writeString(dir.resolve("wrong.token"), wrong);
        CliRun run = cli("jobs", "--token-file", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("gantry: unknown API token" + System.lineSeparator());
        assertThat(run.out() + run.err()).doesNotContain(wrong, users.aliceToken);
    }

    @Test
    void anUnreachableServiceIsOneLineNamingItsUrlAndExit1() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        CliRun run = cli("jobs", "--service", url, "--token-file", aliceTokenFile.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("gantry: cannot reach the Gantry service at " + url + ": ").hasLineCount(1)
                .doesNotContain(users.aliceToken);
        CliRun notAUrl = cli("jobs", "--service", "ftp://x", "--token-file", aliceTokenFile.toString());
        assertThat(notAUrl.exit()).isEqualTo(2);
        assertThat(notAUrl.err()).contains("'ftp://x' is not an http:// or https:// URL");
    }

    @Test
    void theDefaultServiceIsTheServesDefaultPortOnLoopback() {
        assertThat(ServiceOptions.DEFAULT_SERVICE).isEqualTo("http://127.0.0.1:8088");
    }

    private CliRun cli(String... args) {
        ServiceAccess access = new ServiceAccess(environment::get, home);
        CliRun run = CliRun.with(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == SubmitCommand.class) {
                    return type.cast(new SubmitCommand(access));
                }
                if (type == JobsCommand.class) {
                    return type.cast(new JobsCommand(access));
                }
                if (type == LogsCommand.class) {
                    return type.cast(new LogsCommand(access, Duration.ZERO));
                }
                if (type == CancelCommand.class) {
                    return type.cast(new CancelCommand(access));
                }
                return CommandLine.defaultFactory().create(type);
            }
        }, args);
        for (String token : users.all()) {
            assertThat(run.out() + run.err()).as("what gantry printed").doesNotContain(token);
        }
        return run;
    }
}
