package dev.gantry.gpu.bench;

import static dev.gantry.gpu.CudaDriver.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The FP32 throughput kernel, {@code fma_chains.ptx}: hand-written PTX shipped as a resource and
 * compiled by the driver on load, so no CUDA toolkit is needed (see {@code fma_chains.cu} for the
 * CUDA C it is equivalent to and the nvcc command that regenerates it).
 */
final class FmaKernel implements AutoCloseable {
    static final String RESOURCE = "fma_chains.ptx";
    static final String ENTRY = "fma_chains";
    /** Independent FMA chains per thread, and FMAs per chain per loop iteration, as written in the PTX. */
    static final int CHAINS = 8;
    static final int UNROLL = 32;
    static final int FMAS_PER_ITERATION = CHAINS * UNROLL;
    static final int THREADS_PER_BLOCK = 256;
    /** Blocks per SM: enough resident warps to keep every FMA pipe busy, and several waves so the tail is short. */
    static final int BLOCKS_PER_SM = 32;
    /** x = x * A + B converges to 1 from any start: no overflow and no denormals, whatever the iteration count. */
    static final float A = 0.999f;
    static final float B = 0.001f;

    private final CUmodule module = new CUmodule();
    private final CUfunction function = new CUfunction();

    /** Loads the kernel into the current context. */
    FmaKernel() {
        check(JCudaDriver.cuModuleLoadData(module, nulTerminated(ptx())), "cuModuleLoadData(" + RESOURCE + ")");
        check(JCudaDriver.cuModuleGetFunction(function, module, ENTRY), "cuModuleGetFunction(" + ENTRY + ")");
    }

    /** The PTX text. */
    static String ptx() {
        try (InputStream in = FmaKernel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from Gantry's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** cuModuleLoadData reads PTX as a C string. */
    private static byte[] nulTerminated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    /** Queues one launch on the default stream; {@code out} holds one float per thread. */
    void launch(int blocks, CUdeviceptr out, int iterations) {
        Pointer parameters = Pointer.to(Pointer.to(out), Pointer.to(new float[] {A}), Pointer.to(new float[] {B}),
                Pointer.to(new int[] {iterations}));
        check(JCudaDriver.cuLaunchKernel(function, blocks, 1, 1, THREADS_PER_BLOCK, 1, 1, 0, null, parameters, null),
                "cuLaunchKernel(" + ENTRY + ")");
    }

    /** Floating-point operations in one launch: an FMA counts as two, as in every peak FLOP/s figure. */
    static double flopsPerLaunch(int blocks, int iterations) {
        return (double) blocks * THREADS_PER_BLOCK * iterations * FMAS_PER_ITERATION * 2;
    }

    static int blocks(int multiprocessors) {
        return Math.max(1, multiprocessors) * BLOCKS_PER_SM;
    }

    @Override
    public void close() {
        JCudaDriver.cuModuleUnload(module);
    }
}
