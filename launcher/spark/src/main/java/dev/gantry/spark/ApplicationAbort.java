package dev.gantry.spark;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an application from the backend's side, as Spark's standalone backend does when its
 * application is killed: fails the running jobs with the reason, then stops the SparkContext.
 */
final class ApplicationAbort {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationAbort.class);

    private final TaskSchedulerImpl scheduler;
    private final SparkContext sc;

    ApplicationAbort(TaskSchedulerImpl scheduler, SparkContext sc) {
        this.scheduler = scheduler;
        this.sc = sc;
    }

    /**
     * Fails the running jobs with {@code message} and stops the SparkContext. The context stops on
     * its own thread, after the jobs have failed with the message: stopping first would fail them
     * with Spark's bare "SparkContext was shut down" instead.
     */
    void abort(String message) {
        abort(message, () -> true);
    }

    /**
     * As {@link #abort(String)}, but the context stops only once {@code heard} holds (bounded): an
     * application that is between Spark calls when the backend gives up (gantry run waiting for
     * its workers) asks for the reason first, and would otherwise meet the stopped context's echo
     * ("Cannot call methods on a stopped SparkContext") instead of it.
     */
    void abort(String message, BooleanSupplier heard) {
        LOG.error("{}; stopping the application", message);
        try {
            scheduler.error(message);
        } catch (Exception noJobRunning) {
            // TaskSchedulerImpl.error throws (a SparkException, checked in Java's terms) when no
            // job is running: there is nothing to fail, and the context must stop all the same.
            LOG.debug("no running job to fail: {}", noJobRunning.getMessage());
        }
        Thread stopper = new Thread(() -> {
            // A context still being built (Spark waiting for executors in its post-start hook) must
            // finish first: stopped halfway it fails with its own echo ("stopped while waiting for
            // backend"), and the application never sees this message. isReady() lets that wait end.
            long built = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (SparkContext$.MODULE$.getActive().isEmpty() && !sc.isStopped() && System.nanoTime() < built) {
                sleepQuietly(50);
            }
            long asked = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!heard.getAsBoolean() && sc.statusTracker().getActiveJobIds().length == 0
                    && System.nanoTime() < asked) {
                sleepQuietly(50);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sc.statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < deadline) {
                sleepQuietly(50);
            }
            sc.stop();
        }, "gantry-mesos-framework-lost");
        stopper.setDaemon(true);
        stopper.start();
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
