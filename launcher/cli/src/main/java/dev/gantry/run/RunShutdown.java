package dev.gantry.run;

import dev.gantry.localcluster.LocalCluster;
import dev.gantry.training.TrainingJob;
import dev.gantry.training.spark.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.spark.SparkContext$;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.BoxedUnit;

/**
 * A run that the JVM's end cuts short (Ctrl-C, the launcher's SIGTERM, the launcher gone) first
 * asks a job that is training to stop with a checkpoint of the step where it is ({@link StopRequest}):
 * all workers agree on one step, worker 0 writes its checkpoint, and training returns. Then it stops
 * in the order a finished run does: the Spark context, whose Mesos backend kills the executors and
 * tears the framework down; then the embedded cluster, which kills whatever is left; and only then,
 * when no worker can write another checkpoint, one line saying which one was kept.
 *
 * <p>The whole stop fits in the 30 seconds that both {@code gantry serve} (through Mesos) and the
 * launcher give a driver before they kill it: at most {@link #CHECKPOINT_WAIT} for the checkpoint,
 * after which the run stops as it did without one and keeps the newest checkpoint written before.
 *
 * <p>One shutdown hook does all of it, because the JVM runs separate hooks at the same time.
 */
final class RunShutdown implements AutoCloseable {
    /** Bounded, so that a context that cannot stop still leaves time for the cluster and the line. */
    private static final Duration SPARK_STOP = Duration.ofSeconds(20);
    /** How long a job asked to stop may take to finish its step and write that step's checkpoint. */
    static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(10);
    /** All of the stop before the cluster's and the line's, well inside the 30 s before a SIGKILL. */
    private static final Duration STOP_BUDGET = Duration.ofSeconds(25);

    private final TrainingJob job;
    private final PrintWriter out;
    private final Thread hook;
    private volatile LocalCluster cluster;
    private volatile SparkSession spark;
    private volatile ProgressDisplay progress;
    private volatile StopRequest training;
    /** The hook in Spark's order that holds its context's stop back until the checkpoint is written. */
    private volatile Object sparkHook;

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

    /**
     * Training runs now and stops with a checkpoint when {@code stop} is requested. Spark stops its
     * context from a shutdown hook of its own, which the JVM runs beside this one; a hook in Spark's
     * own order, ahead of the context's, makes that one wait for the checkpoint too.
     */
    void training(StopRequest stop) {
        this.training = stop;
        Object previous = sparkHook;
        sparkHook = ShutdownHookManager.addShutdownHook(ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 1,
                () -> {
                    stop.request();
                    try {
                        stop.awaitEnd(CHECKPOINT_WAIT);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return BoxedUnit.UNIT;
                });
        if (previous != null) {
            ShutdownHookManager.removeShutdownHook(previous);
        }
    }

    /** The run ended by itself: nothing to stop at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already.
        }
        Object held = sparkHook;
        if (held != null && !ShutdownHookManager.inShutdown()) {
            ShutdownHookManager.removeShutdownHook(held);
        }
    }

    private void stop() {
        long started = System.nanoTime();
        StopRequest running = training;
        if (running != null) {
            checkpointNow(running);
        }
        SparkSession session = spark;
        if (session != null) {
            // Returns at once when Spark's own hook got there first; then wait until that one is done.
            session.stop();
            long deadline = Math.min(System.nanoTime() + SPARK_STOP.toNanos(), started + STOP_BUDGET.toNanos());
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

    /**
     * Asks the job to stop after its current step with a checkpoint of it, and waits, bounded, until
     * training has returned. Spark's own shutdown hook may stop the context meanwhile; then the
     * workers are gone, training returns at once, and the newest checkpoint written before is kept.
     */
    private void checkpointNow(StopRequest running) {
        running.request();
        try {
            if (!running.awaitEnd(CHECKPOINT_WAIT)) {
                out.println("gantry: the job did not stop with a checkpoint within " + CHECKPOINT_WAIT.toSeconds()
                        + " s; stopping it without one");
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
