package dev.gantry.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

class CudaDriverTest {
    /** JCuda 12.6.0's own message on a machine without the NVIDIA driver, as it throws it (traces shortened). */
    private static final String JCUDA_WITHOUT_DRIVER = String.join("\n",
            "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"",
            "Operating system name: Linux",
            "Architecture         : amd64",
            "Architecture bit size: 64",
            "---(start of nested stack traces)---",
            "Stack trace from the attempt to load the library as a file:",
            "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib",
            "\tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2434)",
            "Stack trace from the attempt to load the library as a resource:",
            "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open"
                    + " shared object file: No such file or directory",
            "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)",
            "---(end of nested stack traces)---");

    @Test
    void aMissingLibcudaIsNoDriverInOneLine() {
        String reason = CudaDriver.whyNotLoaded(new UnsatisfiedLinkError(JCUDA_WITHOUT_DRIVER));
        assertThat(reason).isEqualTo("no NVIDIA driver found (libcuda.so.1 is not installed)");
    }

    @Test
    void anotherLoadFailureNamesTheInnermostLinkErrorOnly() {
        String message = JCUDA_WITHOUT_DRIVER.replace("libcuda.so.1: cannot open shared object file: No such file or"
                + " directory", "failed to map segment from shared object");
        String reason = CudaDriver.whyNotLoaded(new UnsatisfiedLinkError(message));
        assertThat(reason).isEqualTo("JCuda's native library did not load (/tmp/libJCudaDriver-12.6.0-linux-x86_64.so:"
                + " failed to map segment from shared object)");
    }

    @Test
    void aMissingJcudaJarIsSaidSo() {
        String reason = CudaDriver.whyNotLoaded(new NoClassDefFoundError("jcuda/driver/JCudaDriver"));
        assertThat(reason).isEqualTo("JCuda is not on the classpath (jcuda/driver/JCudaDriver)");
    }

    @Test
    void cuInitFailuresSayWhatTheyMean() {
        assertThat(CudaDriver.whyNotInitialised(CUresult.CUDA_ERROR_NO_DEVICE))
                .isEqualTo("no NVIDIA GPU found (cuInit: CUDA_ERROR_NO_DEVICE)");
        assertThat(CudaDriver.whyNotInitialised(CUresult.CUDA_ERROR_STUB_LIBRARY))
                .startsWith("no NVIDIA driver found (").contains("stub");
        assertThat(CudaDriver.whyNotInitialised(CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH))
                .contains("does not match").endsWith("(cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)");
        assertThat(CudaDriver.whyNotInitialised(CUresult.CUDA_ERROR_UNKNOWN))
                .isEqualTo("the NVIDIA driver did not initialise (cuInit: CUDA_ERROR_UNKNOWN)");
    }

    @Test
    void unknownResultCodesStillRead() {
        assertThat(CudaDriver.resultName(123456)).isEqualTo("CUresult 123456");
        assertThat(new CudaFailure("cuMemAlloc", CUresult.CUDA_ERROR_OUT_OF_MEMORY))
                .hasMessage("cuMemAlloc: CUDA_ERROR_OUT_OF_MEMORY");
    }
}
