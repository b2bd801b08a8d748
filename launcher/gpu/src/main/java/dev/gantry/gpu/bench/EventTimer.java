package dev.gantry.gpu.bench;

import static dev.gantry.gpu.CudaDriver.check;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Times work on the default stream with a pair of CUDA events: the GPU's own clock, so host-side
 * call overhead and the asynchrony of kernel launches and device copies do not blur the figure.
 */
final class EventTimer implements AutoCloseable {
    private final CUevent start = new CUevent();
    private final CUevent stop = new CUevent();

    EventTimer() {
        check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
        check(JCudaDriver.cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    }

    /** Seconds the GPU took for {@code repetitions} runs of {@code operation}. */
    double seconds(int repetitions, Runnable operation) {
        check(JCudaDriver.cuEventRecord(start, null), "cuEventRecord");
        for (int i = 0; i < repetitions; i++) {
            operation.run();
        }
        check(JCudaDriver.cuEventRecord(stop, null), "cuEventRecord");
        // A kernel that faulted reports it here, not at launch.
        check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
        float[] milliseconds = new float[1];
        check(JCudaDriver.cuEventElapsedTime(milliseconds, start, stop), "cuEventElapsedTime");
        return milliseconds[0] / 1e3;
    }

    @Override
    public void close() {
        JCudaDriver.cuEventDestroy(start);
        JCudaDriver.cuEventDestroy(stop);
    }
}
