package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.queue.FairShare;
import dev.gantry.service.drivers.DriverTaskId;
import dev.gantry.service.drivers.GantryInstall;
import dev.gantry.service.drivers.SupervisionPolicy;
import dev.gantry.service.jobs.GantryService;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.Submission;
import dev.gantry.service.store.DatabaseConfig;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobState;
import dev.gantry.service.tenancy.Tenancy;
import dev.gantry.service.tenancy.TenancyFile;
import dev.gantry.service.tenancy.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios each cluster's test class runs, as {@code @Test} methods of its own.
 *
 * <p>{@code gantry serve}'s core end to end on a cluster (embedded or real Mesos) with real drivers ({@code gantry
 * run} as Mesos tasks) and real training: two teams' jobs run in the fair policy's order, a running
 * job is preempted through a checkpoint of the step where it stopped for one of higher priority,
 * and ends with the result of its uninterrupted twin, and a service closed and started again mid-queue loses
 * no job, re-attaches the running driver, and relaunches one killed with {@code kill -9}.
 */
abstract class GantryServiceScenarios {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEPT = Pattern.compile("stopped: kept the checkpoint at step (\\d+) of \\d+");

    @TempDir
    Path temp;

    /** A cluster the service runs jobs on, and where it keeps a task's sandbox files. */
    interface Cluster extends AutoCloseable {
        String mesosUrl();

        /** A file of the sandbox of the task {@code taskId}. */
        Path sandboxFile(String taskId, String name) throws IOException;

        @Override
        void close();
    }

    /** One agent with {@code gpus} GPUs, room for a driver and an executor per GPU. */
    abstract Cluster gpuCluster(int gpus) throws Exception;

    /** Spark settings the jobs need on this cluster, as lines of the spec's {@code spark} section. */
    String extraSpark() {
        return "";
    }

    private Tenancy tenancy() throws IOException {
        Path file = temp.resolve("tenancy.yaml");
        Files.writeString(file, ServiceTests.TWO_TEAMS);
        return TenancyFile.read(file);
    }

    private GantryService.Settings settings(Cluster cluster, Tenancy tenancy) {
        Path data = temp.resolve("service");
        // No minimum run: a job may be preempted as soon as it runs (the tests wait for its checkpoint).
        return GantryService.Settings.of(cluster.mesosUrl(), data, tenancy, DatabaseConfig.embedded(data))
                .withInstall(GantryInstall.checkout(GantryRun.ROOT))
                .withPolicy(new FairShare(new FairShare.Config(FairShare.Config.DEFAULT.queueLimitsGpuSeconds(),
                        FairShare.Config.DEFAULT.starvationLimitMillis(), 0)))
                .withSupervision(new SupervisionPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    /**
     * A small synthetic job of one worker with one GPU: {@code epochs} of 32 steps, a checkpoint
     * every 16 steps.
     */
    private String spec(String name, int epochs) {
        return """
                name: %s
                framework: tensorflow
                model:
                  kind: mlp
                  inputShape: [784]
                  classes: 10
                  hidden: [32]
                data:
                  format: synthetic
                  options:
                    examples: 2048
                    seed: 7
                training:
                  epochs: %d
                  batchSize: 64
                  checkpointSteps: 16
                resources:
                  workers: 1
                  gpusPerWorker: 1
                  cpusPerWorker: 1
                  memoryPerWorker: 1g
                spark:
                  spark.ui.enabled: "false"
                %s""".formatted(name, epochs, extraSpark());
    }

    private static Job completed(JobService jobs, long id) throws InterruptedException {
        return ServiceTests.await(jobs, id, j -> j.state() == JobState.COMPLETED, "COMPLETED");
    }

    private static Path awaitCheckpoint(Job job) throws Exception {
        Path dir = Path.of(job.output().orElseThrow()).resolve("checkpoints");
        long deadline = System.nanoTime() + ServiceTests.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> found = files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no checkpoint in " + dir);
    }

    private static JsonNode metrics(Job job) throws IOException {
        return JSON.readTree(Path.of(job.output().orElseThrow()).resolve("metrics.json").toFile());
    }

    private static java.time.Instant lastStart(JobService jobs, long id) {
        return jobs.events(id).stream().filter(e -> e.to() == JobState.STARTING).map(JobEvent::at)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("job " + id + " never started: " + jobs.events(id)));
    }

    private static java.time.Instant firstStart(JobService jobs, long id) {
        return jobs.events(id).stream().filter(e -> e.to() == JobState.STARTING).map(JobEvent::at).findFirst()
                .orElseThrow(() -> new AssertionError("job " + id + " never started: " + jobs.events(id)));
    }

    void twoTeamsJobsRunInTheFairOrderAndAPreemptedJobResumesToTheUninterruptedResult() throws Exception {
        Tenancy tenancy = tenancy();
        User alice = tenancy.user("alice").orElseThrow();
        User bob = tenancy.user("bob").orElseThrow();
        try (Cluster cluster = gpuCluster(2); GantryService service = GantryService.start(settings(cluster,
                tenancy))) {
            service.awaitSubscribed(ServiceTests.WAIT);
            JobService jobs = service.jobs();

            // Alice's team takes both GPUs: a job that trains until it is cancelled, of a priority nothing here
            // preempts, and the job to be preempted. No step below waits on a race with a job's end: the first
            // never ends by itself, and the second has all but its first checkpoint's steps still to go.
            long endless = jobs.submit(alice, new Submission(spec("alice-endless", 100_000), 5)).id();
            ServiceTests.await(jobs, endless, j -> j.state() == JobState.RUNNING, "RUNNING");
            long preempted = jobs.submit(alice, Submission.of(spec("alice-long", 60))).id();
            awaitCheckpoint(ServiceTests.await(jobs, preempted, j -> j.state() == JobState.RUNNING, "RUNNING"));
            // Its twin waits: her team holds its share and more, and a team never preempts itself. Bob's urgent job,
            // submitted after it with a higher priority, preempts the one of the two that may be preempted.
            long twin = jobs.submit(alice, Submission.of(spec("alice-long", 60))).id();
            long urgent = jobs.submit(bob, new Submission(spec("bob-urgent", 1), 1)).id();
            ServiceTests.await(jobs, urgent, j -> j.state() == JobState.RUNNING, "RUNNING");
            // Bob's next job, of the priority of Alice's waiting ones and submitted after them, starts before them
            // once his urgent one is done: his team then holds none of the GPUs, hers one.
            long later = jobs.submit(bob, Submission.of(spec("bob-later", 1))).id();

            for (long id : List.of(urgent, later, preempted, twin)) {
                completed(jobs, id);
            }
            assertThat(jobs.cancel(endless, alice).state()).isIn(JobState.CANCELLING, JobState.CANCELLED);
            ServiceTests.await(jobs, endless, j -> j.state() == JobState.CANCELLED, "CANCELLED");

            String history = List.of(endless, preempted, twin, urgent, later).stream().map(jobs::events).toList()
                    .toString();
            assertThat(firstStart(jobs, urgent)).as("the urgent job before the waiting twin; events: %s", history)
                    .isBefore(firstStart(jobs, twin));
            assertThat(firstStart(jobs, later)).as("Bob's later job before Alice's earlier ones; events: %s", history)
                    .isBefore(firstStart(jobs, twin)).isBefore(lastStart(jobs, preempted));
            assertThat(jobs.events(preempted)).as(history).filteredOn(e -> e.to() == JobState.PREEMPTING)
                    .singleElement().satisfies(e -> assertThat(e.reason()).contains("LOWER_PRIORITY", "job " + urgent
                            + " has priority 1, above 0"));
            Job resumed = jobs.job(preempted).orElseThrow();
            Job uninterrupted = jobs.job(twin).orElseThrow();
            assertThat(resumed.attempts()).as(history).isEqualTo(2);
            assertThat(uninterrupted.attempts()).as(history).isEqualTo(1);
            assertThat(jobs.job(endless).orElseThrow().attempts()).as("never preempted; %s", history).isEqualTo(1);
            // Preempted through a checkpoint of the step where its workers stopped (a stop that missed it says so),
            // and resumed from the checkpoint its stop kept.
            String preemptedDriver = Files.readString(cluster.sandboxFile(
                    DriverTaskId.of(String.valueOf(preempted), 1).value(), "stdout"));
            Matcher kept = KEPT.matcher(preemptedDriver);
            assertThat(kept.find()).as("the preempted driver's stdout: %s", preemptedDriver).isTrue();
            assertThat(preemptedDriver).doesNotContain("did not stop with a checkpoint");
            assertThat(metrics(resumed).get("resumedFromStep").asLong()).isEqualTo(Long.parseLong(kept.group(1)));

            // The preemption cost time, not results: the twin that ran through ends with the same model.
            JsonNode a = metrics(resumed).get("epochs");
            JsonNode b = metrics(uninterrupted).get("epochs");
            assertThat(a.get(a.size() - 1).get("loss").asDouble()).as("final loss, preempted and resumed vs uninterrupted")
                    .isEqualTo(b.get(b.size() - 1).get("loss").asDouble());
        }
    }

    void aRestartedServiceLosesNoJobReattachesItsDriverAndRelaunchesOneKilled() throws Exception {
        Tenancy tenancy = tenancy();
        User alice = tenancy.user("alice").orElseThrow();
        try (Cluster cluster = gpuCluster(1)) {
            long first;
            long second;
            String driverTask;
            try (GantryService service = GantryService.start(settings(cluster, tenancy))) {
                service.awaitSubscribed(ServiceTests.WAIT);
                first = service.jobs().submit(alice, Submission.of(spec("long", 40))).id();
                second = service.jobs().submit(alice, Submission.of(spec("queued", 1))).id();
                Job running = ServiceTests.await(service.jobs(), first, j -> j.state() == JobState.RUNNING, "RUNNING");
                driverTask = running.driver().taskId();
                assertThat(service.jobs().job(second).orElseThrow().state()).isEqualTo(JobState.QUEUED);
            }
            // The service is gone; its driver runs on.
            try (GantryService service = GantryService.start(settings(cluster, tenancy))) {
                service.awaitSubscribed(ServiceTests.WAIT);
                JobService jobs = service.jobs();
                assertThat(jobs.job(second).orElseThrow().state()).isEqualTo(JobState.QUEUED);
                // Re-attached, not relaunched: the same attempt's driver, whose kill below reaches the service.
                Job reattached = jobs.job(first).orElseThrow();
                assertThat(reattached.state()).isEqualTo(JobState.RUNNING);
                assertThat(reattached.attempts()).isEqualTo(1);
                assertThat(reattached.driver().taskId()).isEqualTo(driverTask);
                awaitCheckpoint(reattached);

                long pid = Long.parseLong(Files.readString(cluster.sandboxFile(driverTask, "driver.pid")).strip());
                assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).as("kill -9 of the driver").isTrue();

                Job done = completed(jobs, first);
                assertThat(done.attempts()).isEqualTo(2);
                assertThat(metrics(done).get("resumedFromStep").asLong()).isPositive();
                assertThat(jobs.events(first)).anyMatch(e -> e.to() == JobState.QUEUED
                        && e.reason().contains("DRIVER_FAILED"));
                completed(jobs, second);
            }
        }
    }
}
