package dev.gantry.gpu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kernel's FLOP count is computed from constants in FmaKernel, not measured; these checks keep
 * the shipped PTX and its CUDA C twin saying the same thing, so a kernel edit cannot silently make
 * the reported TFLOP/s wrong. (ptxas, where a CUDA toolkit is installed, checks that it assembles:
 * {@code ptxas -arch=sm_90 fma_chains.ptx}.)
 */
class FmaKernelTest {
    private static final String PTX = FmaKernel.ptx();
    private static final Pattern FMA = Pattern.compile("fma\\.rn\\.f32\\s+(%f\\d+),\\s*(%f\\d+),\\s*(%f\\d+),\\s*(%f\\d+);");

    @Test
    void ptxDeclaresTheEntryTheBenchLaunchesForAnyGpuFromAmpereOn() {
        assertThat(PTX).containsPattern("(?m)^\\.version 7\\.0$");
        assertThat(PTX).containsPattern("(?m)^\\.target sm_80$");
        assertThat(PTX).containsPattern("(?m)^\\.address_size 64$");
        assertThat(PTX).contains(".visible .entry " + FmaKernel.ENTRY + "(");
        // out, a, b, iterations: what FmaKernel.launch passes, in that order.
        assertThat(params()).containsExactly(".u64", ".f32", ".f32", ".u32");
        assertThat(PTX).containsPattern("st\\.global\\.f32\\s+\\[%rd\\d+\\], %f\\d+;");
    }

    @Test
    void theLoopHoldsChainsTimesUnrollIndependentFmasAndNothingElseFloatingPoint() {
        String loop = PTX.substring(PTX.indexOf("$L__loop:"), PTX.indexOf("$L__done:"));
        Matcher fma = FMA.matcher(loop);
        int count = 0;
        java.util.Map<String, Integer> perChain = new java.util.TreeMap<>();
        String a = null;
        String b = null;
        while (fma.find()) {
            count++;
            // Each chain feeds only itself: x = fma(x, a, b).
            assertThat(fma.group(2)).isEqualTo(fma.group(1));
            a = a == null ? fma.group(3) : a;
            b = b == null ? fma.group(4) : b;
            assertThat(fma.group(3)).isEqualTo(a);
            assertThat(fma.group(4)).isEqualTo(b);
            perChain.merge(fma.group(1), 1, Integer::sum);
        }
        assertThat(count).isEqualTo(FmaKernel.FMAS_PER_ITERATION).isEqualTo(256);
        assertThat(perChain).hasSize(FmaKernel.CHAINS);
        assertThat(perChain.values()).allMatch(n -> n == FmaKernel.UNROLL);
        assertThat(perChain).doesNotContainKeys(a, b);
        assertThat(loop).contains("@%p1 bra \t$L__loop;");
    }

    @Test
    void everyChainReachesTheStoredSum() {
        String tail = PTX.substring(PTX.indexOf("$L__done:"));
        String loop = PTX.substring(PTX.indexOf("$L__loop:"), PTX.indexOf("$L__done:"));
        Matcher fma = FMA.matcher(loop);
        java.util.Set<String> chains = new java.util.TreeSet<>();
        while (fma.find()) {
            chains.add(fma.group(1));
        }
        for (String chain : chains) {
            assertThat(tail).as(chain).containsPattern("add\\.f32\\s+%f\\d+, [^;]*" + Pattern.quote(chain) + "\\b");
        }
    }

    @Test
    void theCudaSourceSaysTheSameAndHowToRegenerate() throws Exception {
        String cu;
        try (InputStream in = FmaKernel.class.getResourceAsStream("fma_chains.cu")) {
            assertThat(in).as("fma_chains.cu is shipped beside the PTX").isNotNull();
            cu = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(cu).contains("#define CHAINS " + FmaKernel.CHAINS + "\n");
        assertThat(cu).contains("#define UNROLL " + FmaKernel.UNROLL + "\n");
        assertThat(cu).contains("extern \"C\" __global__ void " + FmaKernel.ENTRY + "(float *out, float a, float b,"
                + " int iterations)");
        assertThat(cu).contains("nvcc -ptx -arch=sm_80 -o fma_chains.ptx fma_chains.cu");
    }

    @Test
    void aLaunchCountsTwoOperationsPerFma() {
        // 132 SMs (H100 SXM) x 32 blocks x 256 threads x 1000 iterations x 256 FMAs x 2.
        int blocks = FmaKernel.blocks(132);
        assertThat(blocks).isEqualTo(4224);
        assertThat(FmaKernel.flopsPerLaunch(blocks, 1000)).isEqualTo(4224.0 * 256 * 1000 * 256 * 2);
    }

    private static List<String> params() {
        Matcher m = Pattern.compile("\\.param (\\.[a-z0-9]+) " + FmaKernel.ENTRY + "_param_\\d").matcher(PTX);
        return m.results().map(r -> r.group(1)).collect(Collectors.toList());
    }
}
