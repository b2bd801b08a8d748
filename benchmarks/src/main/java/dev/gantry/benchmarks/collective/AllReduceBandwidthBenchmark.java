package dev.gantry.benchmarks.collective;

import dev.gantry.training.collective.RingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ring all-reduce bandwidth against raw loopback TCP, measured in the same process and run.
 *
 * <p>For all-reduce, NCCL's definitions: algbw = size / time, and busbw = algbw * 2(n-1)/n, the
 * rate each link must carry, comparable across worker counts and with the peer's bandwidth. The
 * peer is one loopback connection streaming the same number of bytes in both directions at once
 * (as each worker does in a ring step), in chunks of the same size, with blocking channels and
 * with selector-driven ones; its bandwidth is per direction, and the ring is compared with the
 * better of the two in each round. Each round measures the peer and then every ring back to back, so the per-round
 * ratio compares runs that saw the same load on the machine. One warm-up round is not counted.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.gantry.benchmarks.collective.AllReduceBandwidthBenchmark
 * [megabytes=100] [rounds=7] [workers=2,3,4] [chunkBytes=RingOptions default]}
 */
public final class AllReduceBandwidthBenchmark {
    private AllReduceBandwidthBenchmark() {}

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "2,3,4").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int chunkBytes = args.length > 3 ? Integer.parseInt(args[3]) : RingOptions.DEFAULT_CHUNK_BYTES;
        long bytes = megabytes * 1_000_000L;
        int floats = Math.toIntExact(bytes / Float.BYTES);
        RingOptions options = RingOptions.forJob("all-reduce-benchmark").withChunkBytes(chunkBytes);

        System.out.printf("ring all-reduce of %d MB (%,d floats), chunks of %d bytes, %d rounds + 1 warm-up,"
                + " %d cores, Java %s, load average %s%n", megabytes, floats, chunkBytes, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        System.out.println(header(sizes));

        double[] rawBlocking = new double[rounds];
        double[] rawSelector = new double[rounds];
        double[] raw = new double[rounds];
        double[][] algbw = new double[sizes.length][rounds];
        double[][] busbw = new double[sizes.length][rounds];
        double[][] ratio = new double[sizes.length][rounds];
        List<LoopbackRing> rings = new ArrayList<>();
        try (LoopbackStream blockingPeer = new LoopbackStream(LoopbackStream.Mode.BLOCKING, chunkBytes);
                LoopbackStream selectorPeer = new LoopbackStream(LoopbackStream.Mode.SELECTOR, chunkBytes)) {
            for (int n : sizes) {
                rings.add(new LoopbackRing(n, floats, options));
            }
            for (int round = 0; round <= rounds; round++) {
                double blocking = bytes / blockingPeer.fullDuplexSeconds(bytes) / 1e9;
                double selector = bytes / selectorPeer.fullDuplexSeconds(bytes) / 1e9;
                // the ring is held to the better of the two ways of doing plain TCP
                double rawGbs = Math.max(blocking, selector);
                StringBuilder row = new StringBuilder(String.format("| %s | %.2f | %.2f |",
                        round == 0 ? "warm-up" : String.valueOf(round), blocking, selector));
                for (int s = 0; s < sizes.length; s++) {
                    int n = sizes[s];
                    double alg = bytes / rings.get(s).allReduceSeconds() / 1e9;
                    double bus = alg * 2 * (n - 1) / n;
                    row.append(String.format(" %.2f | %.2f | %.2f |", alg, bus, bus / rawGbs));
                    if (round > 0) {
                        algbw[s][round - 1] = alg;
                        busbw[s][round - 1] = bus;
                        ratio[s][round - 1] = bus / rawGbs;
                    }
                }
                if (round > 0) {
                    rawBlocking[round - 1] = blocking;
                    rawSelector[round - 1] = selector;
                    raw[round - 1] = rawGbs;
                }
                System.out.println(row);
            }
        } finally {
            rings.forEach(LoopbackRing::close);
        }
        StringBuilder medians = new StringBuilder(String.format("| median | %.2f | %.2f |", median(rawBlocking),
                median(rawSelector)));
        for (int s = 0; s < sizes.length; s++) {
            medians.append(String.format(" %.2f | %.2f | %.2f |", median(algbw[s]), median(busbw[s]),
                    median(ratio[s])));
        }
        System.out.println(medians);
        for (int s = 0; s < sizes.length; s++) {
            System.out.printf("n=%d: median busbw %.2f GB/s / median raw TCP (better mode per round) %.2f GB/s"
                    + " = %.2f; median of per-round ratios %.2f%n", sizes[s], median(busbw[s]), median(raw),
                    median(busbw[s]) / median(raw), median(ratio[s]));
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static String header(int[] sizes) {
        StringBuilder h = new StringBuilder("| round | raw TCP, blocking (GB/s per direction) | raw TCP, selector"
                + " (GB/s per direction) |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (int n : sizes) {
            h.append(String.format(" n=%d algbw (GB/s) | n=%d busbw (GB/s) | n=%d busbw / better raw |", n, n, n));
            rule.append("---:|---:|---:|");
        }
        return h + "\n" + rule;
    }

    /** The machine's load, printed because other work on a small machine moves every figure. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
