package dev.gantry.training.dl4j;

import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's CPU thread counts. They are per process, not per replica: the last replica created
 * decides for all replicas in a JVM, which is what a worker per executor wants.
 *
 * <p>In 1.0.0-M2.1 only BLAS can be limited at run time. libnd4j sizes its own op threads once,
 * from {@code OMP_NUM_THREADS} at start, and ignores {@code Environment.setMaxThreads}; the
 * executor's environment must carry {@code OMP_NUM_THREADS} for a full limit.
 */
final class Nd4jThreads {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jThreads.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Nd4jThreads() {}

    /** Limits BLAS (and ND4J's op threads where the build allows) to {@code threads}; 0 keeps ND4J's defaults. */
    static void apply(int threads) {
        if (threads == 0) {
            return;
        }
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        int ops = Nd4j.getEnvironment().maxThreads();
        if (ops > threads && WARNED.compareAndSet(false, true)) {
            LOG.warn("training.threads {}: BLAS limited, but ND4J keeps {} op threads; set OMP_NUM_THREADS={} in the worker's environment",
                    threads, ops, threads);
        }
    }
}
