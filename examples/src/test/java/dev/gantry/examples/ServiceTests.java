package dev.gantry.examples;

import dev.gantry.service.jobs.JobService;
import dev.gantry.service.store.Job;
import java.time.Duration;
import java.util.function.Predicate;

/** What the tests of {@code gantry serve} share: two teams, a small two-GPU job, waiting on a job. */
final class ServiceTests {
    /** Long enough for a loaded CI machine; every wait ends as soon as its condition holds. */
    static final Duration WAIT = Duration.ofMinutes(6);

    /** A tenancy file of two teams in their own Mesos roles, one user each, no tokens yet. */
    static final String TWO_TEAMS = """
            teams:
              vision:
                role: vision
              speech:
                role: speech
            users:
              alice:
                team: vision
              bob:
                team: speech
            """;

    private ServiceTests() {}

    /**
     * A small synthetic TensorFlow job of one worker on two GPUs: {@code epochs} of 32 steps, a
     * checkpoint every 16; {@code extraSpark} goes into its {@code spark} map (", key: value" each).
     */
    static String twoGpuJob(String name, int epochs, String extraSpark) {
        return """
                name: %s
                framework: tensorflow
                model: {kind: mlp, inputShape: [784], classes: 10, hidden: [32]}
                data: {format: synthetic, options: {examples: 2048, seed: 7}}
                training: {epochs: %d, batchSize: 64, checkpointSteps: 16}
                resources: {workers: 1, gpusPerWorker: 2, cpusPerWorker: 1, memoryPerWorker: 1g}
                spark: {spark.ui.enabled: "false"%s}
                """.formatted(name, epochs, extraSpark);
    }

    /** The job once {@code wanted} holds; fails with its history when it ends otherwise or {@link #WAIT} passes. */
    static Job await(JobService jobs, long id, Predicate<Job> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Job job = jobs.job(id).orElseThrow();
            if (wanted.test(job)) {
                return job;
            }
            if (job.state().isFinal() || System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " never became " + what + ": " + job + " "
                        + job.jobResult().orElse(null) + "; events " + jobs.events(id));
            }
            Thread.sleep(200);
        }
    }
}
