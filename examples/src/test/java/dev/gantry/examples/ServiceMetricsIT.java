package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.localcluster.AgentSpec;
import dev.gantry.localcluster.ClusterSpec;
import dev.gantry.localcluster.LocalCluster;
import dev.gantry.service.api.ApiServer;
import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.jobs.GantryService;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.Submission;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.store.JobState;
import dev.gantry.service.tenancy.ApiTokens;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.TenancySource;
import dev.gantry.service.tenancy.User;
import dev.gantry.testing.PrometheusServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gantry serve}'s metrics as an operator sees them: a real Prometheus scrapes the service's
 * {@code /metrics} with a user's token from a file, while a job that trains until cancelled holds
 * both GPUs of the embedded cluster and a second job waits. PromQL must find the job's two GPUs
 * (its executor's, from the master's state), the cluster's allocated GPUs, the waiting job in its
 * team's queue, and, once that job is cancelled, its outcome.
 */
class ServiceMetricsIT {
    /** Prometheus scrapes every second: two minutes is many scrapes after the fact being awaited. */
    private static final Duration SCRAPED = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    @Test
    void prometheusFindsTheGpusARunningJobHoldsAndTheQueueBehindIt() throws Exception {
        String token = ApiTokens.generate();
        Path tenancyFile = Files.writeString(temp.resolve("tenancy.yaml"), """
                teams:
                  vision:
                    role: vision
                users:
                  alice:
                    team: vision
                    tokenSha256: %s
                """.formatted(ApiTokens.sha256Hex(token)));
        Tenancy tenancy = TenancyFile.read(tenancyFile);
        User alice = tenancy.user("alice").orElseThrow();
        Path tokenFile = Files.writeString(temp.resolve("prometheus.token"), token + "\n");
        Path data = temp.resolve("service");

        try (LocalCluster cluster = LocalCluster.start(ClusterSpec.builder()
                .agent(AgentSpec.builder().cpus(8).memMb(16384).gpus(2).build()).build());
             GantryService service = GantryService.start(GantryService.Settings.of(cluster.mesosUrl(), data, tenancy,
                     DatabaseConfig.embedded(data)).withInstall(GantryInstall.checkout(GantryRun.ROOT)));
             ApiServer api = ApiServer.start(service.jobs(), TenancySource.fixed(tenancy),
                     ApiSettings.defaults().withPort(0), service.metrics())) {
            service.awaitSubscribed(ServiceTests.WAIT);
            JobService jobs = service.jobs();
            long endless = jobs.submit(alice, Submission.of(ServiceTests.twoGpuJob("alice-endless", 100_000, ""))).id();
            try {
                ServiceTests.await(jobs, endless, j -> j.state() == JobState.RUNNING, "RUNNING");
                // Both GPUs are the endless job's: this one waits, and a team never preempts itself.
                long waiting = jobs.submit(alice, Submission.of(ServiceTests.twoGpuJob("alice-waiting", 1, ""))).id();

                try (PrometheusServer prometheus = PrometheusServer.start("127.0.0.1:" + api.port(), "/metrics",
                        tokenFile)) {
                    awaitQuery(prometheus, "gantry_job_gpus{job_id=\"" + endless + "\"}", v -> v == 2);
                    awaitQuery(prometheus, "sum(gantry_gpus_allocated)", v -> v >= 2);
                    awaitQuery(prometheus, "gantry_queue_length{team=\"vision\"}", v -> v == 1);
                    assertThat(jobs.job(waiting).orElseThrow().state()).isEqualTo(JobState.QUEUED);

                    assertThat(jobs.cancel(waiting, alice).state()).isEqualTo(JobState.CANCELLED);
                    awaitQuery(prometheus, "gantry_job_outcomes_total{team=\"vision\",state=\"CANCELLED\"}",
                            v -> v == 1);
                    awaitQuery(prometheus, "gantry_queue_length{team=\"vision\"}", v -> v == 0);
                    // Labels are the documented ones: the scraped series carry no job name or user.
                    assertThat(prometheus.query("{__name__=~\"gantry_.+\"}")).allSatisfy(sample ->
                            assertThat(sample.labels().values()).doesNotContain("alice", "alice-endless",
                                    "alice-waiting", token));
                }
            } finally {
                // Its driver would outlive the service; the cluster's close ends it regardless.
                if (!jobs.cancel(endless, alice).state().isFinal()) {
                    awaitEnd(jobs, endless);
                }
            }
        }
    }

    /** Waits until {@code promql} answers exactly one series whose value {@code wanted} accepts. */
    private static void awaitQuery(PrometheusServer prometheus, String promql, DoublePredicate wanted)
            throws Exception {
        long deadline = System.nanoTime() + SCRAPED.toNanos();
        List<PrometheusServer.Sample> last = List.of();
        while (System.nanoTime() < deadline) {
            last = prometheus.query(promql);
            if (last.size() == 1 && wanted.test(last.get(0).value())) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("'" + promql + "' never answered the value wanted within " + SCRAPED + "; last: "
                + last + "; targets: " + prometheus.targets());
    }

    /** Waits for the job's end without failing: cleanup, which must not hide the test's own failure. */
    private static void awaitEnd(JobService jobs, long id) throws InterruptedException {
        long deadline = System.nanoTime() + ServiceTests.WAIT.toNanos();
        while (System.nanoTime() < deadline && !jobs.job(id).orElseThrow().state().isFinal()) {
            Thread.sleep(200);
        }
    }

}
