package dev.gantry.gpu;

/** A CUDA driver call that returned an error, named with the call: "cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY". */
public final class CudaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int result;

    CudaFailure(String call, int result) {
        super(call + ": " + CudaDriver.resultName(result));
        this.result = result;
    }

    /** The {@code CUresult} code. */
    public int result() {
        return result;
    }
}
