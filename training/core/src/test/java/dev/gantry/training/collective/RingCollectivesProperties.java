package dev.gantry.training.collective;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RingCollectivesProperties {

    /**
     * Small integers sum exactly in any order, so the ring's result must equal the sum computed
     * here element by element, bit for bit.
     */
    @Property(tries = 30)
    void allReduceEqualsTheElementWiseSum(@ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll("lengths") int length, @ForAll("chunks") int chunkBytes, @ForAll long seed) {
        float[][] inputs = new float[n][length];
        Random random = new Random(seed);
        float[] expected = new float[length];
        for (int w = 0; w < n; w++) {
            for (int i = 0; i < length; i++) {
                inputs[w][i] = random.nextInt(2001) - 1000;
                expected[i] += inputs[w][i];
            }
        }
        try (LocalRing ring = LocalRing.of(n, LocalRing.options().withChunkBytes(chunkBytes))) {
            List<float[]> results = ring.run((rank, c) -> {
                c.allReduce(inputs[rank]);
                return inputs[rank];
            });
            for (float[] result : results) {
                assertThat(result).containsExactly(expected);
            }
        }
    }

    /** With arbitrary floats the order of summation matters: every worker must still agree bit for bit. */
    @Property(tries = 20)
    void allWorkersEndBitIdentical(@ForAll @IntRange(min = 2, max = 6) int n, @ForAll("lengths") int length,
            @ForAll("chunks") int chunkBytes, @ForAll long seed) {
        float[][] inputs = new float[n][length];
        Random random = new Random(seed);
        double[] exact = new double[length];
        for (int w = 0; w < n; w++) {
            for (int i = 0; i < length; i++) {
                inputs[w][i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
                exact[i] += inputs[w][i];
            }
        }
        try (LocalRing ring = LocalRing.of(n, LocalRing.options().withChunkBytes(chunkBytes))) {
            List<float[]> results = ring.run((rank, c) -> {
                c.allReduce(inputs[rank]);
                return inputs[rank];
            });
            for (float[] result : results) {
                assertThat(bits(result)).containsExactly(bits(results.get(0)));
            }
            for (int i = 0; i < length; i++) {
                assertThat((double) results.get(0)[i]).isCloseTo(exact[i],
                        org.assertj.core.api.Assertions.within(1e-3 + Math.abs(exact[i]) * 1e-5));
            }
        }
    }

    @Property(tries = 20)
    void broadcastCopiesTheRootsData(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll("lengths") int length,
            @ForAll("chunks") int chunkBytes, @ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int rootPick) {
        int root = rootPick % n;
        Random random = new Random(seed);
        float[][] data = new float[n][length];
        for (float[] d : data) {
            for (int i = 0; i < length; i++) {
                d[i] = random.nextFloat();
            }
        }
        float[] expected = data[root].clone();
        try (LocalRing ring = LocalRing.of(n, LocalRing.options().withChunkBytes(chunkBytes))) {
            ring.run((rank, c) -> {
                c.broadcast(data[rank], root);
                return null;
            });
        }
        for (float[] d : data) {
            assertThat(d).containsExactly(expected);
        }
    }

    @Property(tries = 25)
    void allGatherReturnsEveryBlockByRank(@ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll("chunks") int chunkBytes, @ForAll long seed) {
        Random random = new Random(seed);
        byte[][] blocks = new byte[n][];
        for (int w = 0; w < n; w++) {
            // sizes from empty to several chunks, different per worker
            blocks[w] = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(3 * chunkBytes + 10)];
            random.nextBytes(blocks[w]);
        }
        try (LocalRing ring = LocalRing.of(n, LocalRing.options().withChunkBytes(chunkBytes))) {
            List<List<byte[]>> results = ring.run((rank, c) -> c.allGather(blocks[rank]));
            for (List<byte[]> gathered : results) {
                assertThat(gathered).hasSize(n);
                for (int w = 0; w < n; w++) {
                    assertThat(gathered.get(w)).containsExactly(blocks[w]);
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(List.of(Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 100_000)));
    }

    /** Chunks small enough that segments span many of them, up to the default. */
    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.of(4 << 10, 64 << 10, RingOptions.DEFAULT_CHUNK_BYTES);
    }

    /** One- and three-float chunks: every boundary case of segments and chunks on short buffers. */
    @Property(tries = 40)
    void allReduceWithTinyChunks(@ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll @IntRange(min = 0, max = 40) int length, @ForAll boolean oneFloat) {
        float[][] inputs = new float[n][length];
        float[] expected = new float[length];
        for (int w = 0; w < n; w++) {
            for (int i = 0; i < length; i++) {
                inputs[w][i] = w * 100 + i;
                expected[i] += inputs[w][i];
            }
        }
        try (LocalRing ring = LocalRing.of(n, LocalRing.options().withChunkBytes(oneFloat ? 4 : 12))) {
            ring.run((rank, c) -> {
                c.allReduce(inputs[rank]);
                return null;
            });
        }
        for (float[] result : inputs) {
            assertThat(result).containsExactly(expected);
        }
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
