package dev.gantry.benchmarks.queue;

import java.util.Locale;
import java.util.Random;

/**
 * How long jobs run, as published for two production GPU clusters: an empirical distribution
 * function, sampled by inverting it with log-linear interpolation between its points.
 *
 * <ul>
 * <li>{@link #PHILLY}: Microsoft's Philly cluster, Jeon et al., "Analysis of Large-Scale
 *     Multi-Tenant GPU Clusters for DNN Training Workloads", USENIX ATC 2019 (Figure 2: job run
 *     times span minutes to weeks). The quantiles below are computed from the run times of the
 *     83,154 jobs of the released Philly trace (github.com/msr-fiddle/philly-traces) that Weng et
 *     al. plot beside PAI in their Figure 4(a) (alibaba/clusterdata,
 *     cluster-trace-gpu-v2020/analysis/philly_runtime.csv): median 20 minutes, mean 4.1 hours,
 *     95th percentile 13.9 hours, 99th 80 hours, longest 54 days; the longest 5% of jobs hold 81% of
 *     all run time. Interpolated between these points the model's mean is 4.4 hours: log-linear
 *     interpolation over the top 0.1% (15 to 54 days) is generous.</li>
 * <li>{@link #PAI}: Alibaba's PAI cluster, Weng et al., "MLaaS in the Wild: Workload Analysis and
 *     Scheduling in Large-Scale Heterogeneous GPU Clusters", USENIX NSDI 2022, Figure 4(a), task run
 *     times. The points below are read off that figure as the trace's notebook draws it (the
 *     curve's pixels, checked against the Philly curve beside it, which they match within a
 *     point): median about 8 minutes, 90% under 3 hours, 99% under 20 hours. PAI's tail is lighter
 *     than Philly's.</li>
 * </ul>
 *
 * Both include jobs that failed or were killed, as the queue sees them.
 */
public enum DurationModel {
    PHILLY(new double[][] {
        {0.000, 1}, {0.010, 17}, {0.020, 25}, {0.050, 48}, {0.100, 61}, {0.150, 68}, {0.200, 76},
        {0.250, 131}, {0.300, 229}, {0.350, 428}, {0.400, 630}, {0.450, 889}, {0.500, 1_186},
        {0.550, 1_500}, {0.600, 1_871}, {0.650, 2_242}, {0.700, 2_590}, {0.750, 3_342}, {0.800, 4_699},
        {0.850, 6_300}, {0.900, 12_859}, {0.930, 23_848}, {0.950, 49_948}, {0.970, 101_863},
        {0.980, 167_784}, {0.990, 287_283}, {0.995, 484_497}, {0.999, 1_361_015}, {1.000, 4_628_239}}),
    PAI(new double[][] {
        {0.000, 1}, {0.020, 10}, {0.060, 20}, {0.108, 30}, {0.181, 50}, {0.269, 100}, {0.350, 200},
        {0.423, 300}, {0.496, 500}, {0.599, 1_000}, {0.694, 2_000}, {0.738, 3_000}, {0.819, 5_000},
        {0.855, 7_000}, {0.892, 10_000}, {0.921, 15_000}, {0.943, 20_000}, {0.965, 30_000},
        {0.980, 50_000}, {0.991, 70_000}, {0.995, 200_000}, {1.000, 640_000}});

    /** Points of the distribution function: cumulative share of jobs, run time in seconds. */
    private final double[][] points;
    private final double meanSeconds;

    DurationModel(double[][] points) {
        this.points = points;
        double sum = 0;
        int steps = 1_000_000;
        for (int i = 0; i < steps; i++) {
            sum += quantile((i + 0.5) / steps);
        }
        this.meanSeconds = sum / steps;
    }

    /** The run time below which a share {@code u} of jobs stays, in seconds. */
    public double quantile(double u) {
        if (!(u >= 0 && u <= 1)) {
            throw new IllegalArgumentException("a share of jobs is between 0 and 1: " + u);
        }
        for (int i = 1; i < points.length; i++) {
            if (u <= points[i][0]) {
                double[] low = points[i - 1];
                double[] high = points[i];
                double f = (u - low[0]) / (high[0] - low[0]);
                return Math.exp(Math.log(low[1]) + f * (Math.log(high[1]) - Math.log(low[1])));
            }
        }
        return points[points.length - 1][1];
    }

    public double sampleSeconds(Random random) {
        return quantile(random.nextDouble());
    }

    /** The distribution's mean, in seconds, integrated numerically. */
    public double meanSeconds() {
        return meanSeconds;
    }

    public static DurationModel named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
