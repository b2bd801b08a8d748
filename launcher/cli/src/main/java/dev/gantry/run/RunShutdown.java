package dev.gantry.run;

import dev.gantry.localcluster.LocalCluster;
import dev.gantry.training.TrainingJob;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.spark.SparkContext$;
import org.apache.spark.sql.SparkSession;

/**
 * A run that the JVM's end cuts short (Ctrl-C, the launcher's SIGTERM, the launcher gone) stops in
 * the order a finished one does: the Spark context first, whose Mesos backend kills the executors
 * and tears the framework down; then the embedded cluster, which kills whatever is left; and only
 * then, when no worker can write another checkpoint, one line saying which one was kept.
 *
 * <p>One shutdown hook does all three, because the JVM runs separate hooks at the same time.
 */
final class RunShutdown implements AutoCloseable {
    /** Bounded, so that a context that cannot stop still leaves time for the cluster and the line. */
    private static final Duration SPARK_STOP = Duration.ofSeconds(20);

    private final TrainingJob job;
    private final PrintWriter out;
    private final Thread hook;
    private volatile LocalCluster cluster;
    private volatile SparkSession spark;
    private volatile ProgressDisplay progress;

    private RunShutdown(TrainingJob job, PrintWriter out) {
        this.job = job;
        this.out = out;
        this.hook = new Thread(this::stop, "gantry-run-shutdown");
    }

    /** Stops the run of {@code job} if the JVM ends before {@link #close()}. */
    static RunShutdown register(TrainingJob job, PrintWriter out) {
        RunShutdown shutdown = new RunShutdown(job, out);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    void cluster(LocalCluster started) {
        this.cluster = started;
    }

    void spark(SparkSession started) {
        this.spark = started;
    }

    void progress(ProgressDisplay shown) {
        this.progress = shown;
    }

    /** The run ended by itself: nothing to stop at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already.
        }
    }

    private void stop() {
        SparkSession session = spark;
        if (session != null) {
            // Returns at once when Spark's own hook got there first; then wait until that one is done.
            session.stop();
            long deadline = System.nanoTime() + SPARK_STOP.toNanos();
            while (SparkContext$.MODULE$.getActive().isDefined() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        LocalCluster local = cluster;
        if (local != null) {
            local.close();
        }
        ProgressDisplay shown = progress;
        OptionalLong total = OptionalLong.empty();
        if (shown != null) {
            shown.finish();
            total = shown.totalSteps();
        }
        out.println(StopNotice.of(job, total));
        out.flush();
    }
}
