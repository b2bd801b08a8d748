package dev.gantry.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.backend.Batch;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigitImagesTest {
    private static final int PIXELS = DigitImages.FEATURES;
    private static final long HELD_OUT = 1_000_000;

    private static float[] image(DigitImages digits, long index) {
        float[] x = new float[PIXELS];
        digits.features(index, x, 0);
        return x;
    }

    @Test
    void anExampleDependsOnlyOnTheSeedAndItsIndex() {
        DigitImages one = new DigitImages(7);
        DigitImages other = new DigitImages(7);
        // Made after others, in another order, or within a batch: a worker's shard needs no other example.
        Batch batch = other.batch(HELD_OUT + 40, 8);
        for (long i = HELD_OUT + 47; i >= HELD_OUT + 40; i--) {
            int inBatch = (int) (i - HELD_OUT - 40);
            assertThat(Arrays.copyOfRange(batch.features(), inBatch * PIXELS, (inBatch + 1) * PIXELS))
                    .containsExactly(image(one, i));
            assertThat(batch.labels()[inBatch]).isEqualTo(one.label(i));
        }
    }

    @Test
    void otherIndicesAndOtherSeedsGiveOtherImages() {
        DigitImages digits = new DigitImages(7);
        for (long i = 0; i < 20; i++) {
            assertThat(image(digits, i)).isNotEqualTo(image(digits, i + HELD_OUT));
            assertThat(image(digits, i)).isNotEqualTo(image(new DigitImages(8), i));
        }
        // Two examples of one digit are two hands, not one image with other noise.
        long a = IntStream.range(0, 10).filter(i -> digits.label(i) == 3).findFirst().orElseThrow();
        long b = IntStream.range(10, 20).filter(i -> digits.label(i) == 3).findFirst().orElseThrow();
        assertThat(meanAbsoluteDifference(image(digits, a), image(digits, b))).isGreaterThan(0.05);
    }

    @Test
    void everyRangeOfExamplesHoldsTheDigitsInEqualShares() {
        DigitImages digits = new DigitImages(7);
        assertThat(counts(digits, 0, 1000)).containsOnly(100);
        int[] unaligned = counts(digits, HELD_OUT + 3, 537);
        assertThat(Arrays.stream(unaligned).max().getAsInt() - Arrays.stream(unaligned).min().getAsInt()).isLessThanOrEqualTo(2);
        // Balanced, but not in a fixed cycle a model could learn from the order of a batch.
        assertThat(IntStream.range(0, 100).filter(i -> digits.label(i) != i % 10).count()).isGreaterThan(50);
    }

    @Test
    void pixelsAreInkOnPaperWithTheDigitInTheMiddle() {
        DigitImages digits = new DigitImages(7);
        int images = 200;
        double allInked = 0;
        for (long i = 0; i < images; i++) {
            float[] x = image(digits, i);
            double inked = 0;
            double border = 0;
            float darkest = 0;
            for (int p = 0; p < PIXELS; p++) {
                assertThat(x[p]).isBetween(0f, 1f);
                inked += x[p] > 0.5 ? 1 : 0;
                darkest = Math.max(darkest, x[p]);
                int r = p / 28;
                int c = p % 28;
                border += r < 2 || r > 25 || c < 2 || c > 25 ? x[p] : 0;
            }
            // From a thin 1 to a bold 8; the outer frame stays blank, as in MNIST.
            assertThat(inked / PIXELS).as("ink of example %d", i).isBetween(0.02, 0.35);
            assertThat(border / 208).as("border of example %d", i).isLessThan(0.06);
            assertThat(darkest).isGreaterThan(0.75f);
            allInked += inked / PIXELS;
        }
        // In MNIST about an eighth of the pixels are darker than half.
        assertThat(allInked / images).isBetween(0.09, 0.17);
    }

    /**
     * The nearest class mean, a template matcher, gets most digits right but far from all (84%
     * here, about 82% on MNIST): the classes have their own shapes, and the hands vary enough that
     * a model must learn more than one picture per digit.
     */
    @Test
    void theNearestClassMeanIsFarAboveChanceAndFarBelowPerfect() {
        DigitImages digits = new DigitImages(11);
        double[][] means = new double[10][PIXELS];
        int[] counts = new int[10];
        for (long i = 0; i < 2000; i++) {
            float[] x = image(digits, i);
            int y = digits.label(i);
            counts[y]++;
            for (int p = 0; p < PIXELS; p++) {
                means[y][p] += x[p];
            }
        }
        for (int c = 0; c < 10; c++) {
            for (int p = 0; p < PIXELS; p++) {
                means[c][p] /= counts[c];
            }
        }
        int right = 0;
        int tested = 1000;
        for (long i = HELD_OUT; i < HELD_OUT + tested; i++) {
            float[] x = image(digits, i);
            int nearest = 0;
            double best = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double d = 0;
                for (int p = 0; p < PIXELS; p++) {
                    d += (x[p] - means[c][p]) * (x[p] - means[c][p]);
                }
                if (d < best) {
                    best = d;
                    nearest = c;
                }
            }
            right += nearest == digits.label(i) ? 1 : 0;
        }
        assertThat(right / (double) tested).isBetween(0.6, 0.92);
    }

    private static int[] counts(DigitImages digits, long first, int n) {
        int[] counts = new int[10];
        for (long i = first; i < first + n; i++) {
            counts[digits.label(i)]++;
        }
        return counts;
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
