package dev.gantry.gpu;

import java.util.Optional;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * The one door to JCuda's driver API. JCuda loads its native library in a static initialiser that
 * throws a page-long {@link UnsatisfiedLinkError} when {@code libcuda.so.1} is missing, and every
 * later use of the class then throws {@link NoClassDefFoundError}; so it is touched once, here, and
 * the outcome remembered as a one-line reason.
 *
 * <p>JCuda's calls return error codes unless someone called {@code setExceptionsEnabled(true)};
 * Gantry never does, and checks every code with {@link #check}.
 */
public final class CudaDriver {
    static final String NO_DRIVER = "no NVIDIA driver found (libcuda.so.1 is not installed)";

    /** What loading found; null until the first {@link #initialise()}. */
    private static State state;

    /** Whether {@code libcuda.so.1} loaded, and what, if anything, stops CUDA from working. */
    private record State(boolean libraryLoaded, Optional<String> problem) {}

    private CudaDriver() {}

    /** Loads the driver and calls {@code cuInit} once per JVM; empty when CUDA is ready, else why not. */
    public static Optional<String> initialise() {
        return state().problem();
    }

    /**
     * Whether the driver library loaded, even if {@code cuInit} then failed: then CUDA's answer
     * (no device, a driver mismatch) is the truth about this machine's GPUs, not a missing driver.
     */
    public static boolean libraryLoaded() {
        return state().libraryLoaded();
    }

    private static synchronized State state() {
        if (state == null) {
            state = load();
        }
        return state;
    }

    private static State load() {
        int result;
        try {
            result = JCudaDriver.cuInit(0);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError (no driver, or JCuda's library refused), NoClassDefFoundError (no
            // JCuda jar), ExceptionInInitializerError: none of them may take the JVM down.
            return new State(false, Optional.of(whyNotLoaded(e)));
        } catch (RuntimeException e) {
            return new State(true, Optional.of("the NVIDIA driver did not initialise (" + e.getMessage() + ")"));
        }
        return new State(true, result == CUresult.CUDA_SUCCESS ? Optional.empty()
                : Optional.of(whyNotInitialised(result)));
    }

    /** One line for a failure to load JCuda or the driver under it. */
    static String whyNotLoaded(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("libcuda.so")) {
            return NO_DRIVER;
        }
        if (e instanceof NoClassDefFoundError) {
            return "JCuda is not on the classpath (" + message.strip() + ")";
        }
        return "JCuda's native library did not load (" + innermostLinkError(message) + ")";
    }

    /**
     * JCuda's message nests the stack trace of each way it tried; the last
     * {@code UnsatisfiedLinkError} line is the one that names the library that failed and why.
     */
    private static String innermostLinkError(String message) {
        String marker = "java.lang.UnsatisfiedLinkError: ";
        String last = null;
        for (String line : message.split("\\R")) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                last = line.substring(at + marker.length()).strip();
            }
        }
        if (last != null) {
            return last;
        }
        String first = message.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "no reason given" : first;
    }

    /** One line for a {@code cuInit} that returned {@code result}. */
    static String whyNotInitialised(int result) {
        String name = resultName(result);
        if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
            return "no NVIDIA GPU found (cuInit: " + name + ")";
        }
        if (result == CUresult.CUDA_ERROR_STUB_LIBRARY) {
            // The toolkit's link-time stub (lib64/stubs) was found before a real driver.
            return "no NVIDIA driver found (libcuda.so.1 is the CUDA toolkit's stub; cuInit: " + name + ")";
        }
        if (result == CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH
                || result == CUresult.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE) {
            return "libcuda.so.1 does not match the loaded NVIDIA kernel module (cuInit: " + name + ")";
        }
        return "the NVIDIA driver did not initialise (cuInit: " + name + ")";
    }

    /** {@code CUDA_ERROR_OUT_OF_MEMORY} for 2; pure Java, safe without a driver. */
    static String resultName(int result) {
        String name = CUresult.stringFor(result);
        return name == null || name.startsWith("INVALID CUresult") ? "CUresult " + result : name;
    }

    /** Throws {@link CudaFailure} naming {@code call} unless {@code result} is success. */
    public static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaFailure(call, result);
        }
    }
}
