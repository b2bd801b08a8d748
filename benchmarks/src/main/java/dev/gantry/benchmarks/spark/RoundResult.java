package dev.gantry.benchmarks.spark;

/**
 * What one mode measured in one round, in milliseconds. {@code clusterStartMs} is the time to
 * start a cluster before the {@code SparkContext} exists (the embedded Mesos cluster); zero where
 * the SparkContext starts its own (local-cluster), whose start is then inside {@code executorsUpMs}.
 * {@code loadAverage} is the machine's 1-minute load average as the round began: on a 2-core
 * machine shared with other work, a round under load is slower for reasons neither mode controls.
 */
record RoundResult(double clusterStartMs, double executorsUpMs, double firstJobMs, double secondJobMs,
                   double stopMs, double loadAverage) {
    RoundResult withLoadAverage(double load) {
        return new RoundResult(clusterStartMs, executorsUpMs, firstJobMs, secondJobMs, stopMs, load);
    }
}
