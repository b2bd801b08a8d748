package dev.gantry.benchmarks.queue;

import java.util.Random;

/**
 * How many GPUs jobs ask for, and as what gang: mostly one GPU, some 2 to 8, few larger.
 *
 * <p>From Weng et al., NSDI 2022 (PAI), Figure 6(b), the CDF of GPUs requested per task, read off
 * the figure as the trace's notebook draws it: 44.7% of tasks ask for half a GPU or less, 82.3%
 * for at most one, 87% at most two, 91% at most four, 93% at most six; the figure ends at six
 * GPUs. Mesos gives whole GPUs, so fractions round up to one, three and four GPUs to four, five
 * and six to eight. Up to eight GPUs a job is one worker on one agent, as both papers' 8-GPU
 * servers suggest; the 7% past six GPUs, which the figure does not resolve, are split here
 * 8/16/32 GPUs as 4/2/1 (16 and 32 as two and four 8-GPU workers), an assumption of this
 * simulator. Mean: 2.2 GPUs per job. Jeon et al. (ATC 2019) bucket Philly's jobs by the same sizes
 * (1, 2-4, 5-8, more than 8 GPUs).
 */
public final class SizeModel {
    static final int[] GPUS = {1, 2, 4, 8, 16, 32};
    static final double[] SHARE = {0.823, 0.047, 0.040, 0.020 + 0.040, 0.020, 0.010};

    private SizeModel() {}

    /** GPUs of a new job. */
    public static int sampleGpus(Random random) {
        double u = random.nextDouble();
        for (int i = 0; i < GPUS.length; i++) {
            u -= SHARE[i];
            if (u < 0) {
                return GPUS[i];
            }
        }
        return GPUS[GPUS.length - 1];
    }

    /** The mean GPUs per job. */
    public static double meanGpus() {
        double sum = 0;
        for (int i = 0; i < GPUS.length; i++) {
            sum += GPUS[i] * SHARE[i];
        }
        return sum;
    }

    /** Workers of a job of {@code gpus} GPUs: one up to eight GPUs, else eight-GPU workers. */
    public static int workers(int gpus) {
        return gpus <= 8 ? 1 : gpus / 8;
    }
}
