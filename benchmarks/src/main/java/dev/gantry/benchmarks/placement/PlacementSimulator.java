package dev.gantry.benchmarks.placement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays generated clusters and job mixes through Gantry, Fenzo and Spark 3.5's offer loop
 * side by side, and reports per placer and cluster size: time per placement round, executors
 * placed, gangs placed and GPUs stranded. Prints one Markdown table per size and writes a CSV
 * and a PNG plot.
 *
 * <pre>java -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar \
 *     dev.gantry.benchmarks.placement.PlacementSimulator [--seed N] [--out DIR] [AGENTS ...]</pre>
 *
 * Defaults: seed 2026, sizes 100 1000 10000, output in {@code benchmarks/results}.
 */
public final class PlacementSimulator {
    static final String CSV_NAME = "placement-simulation.csv";
    static final String PNG_NAME = "placement-placed-vs-size.png";

    private PlacementSimulator() {}

    public static void main(String[] args) throws IOException {
        // The plot is drawn off screen; without this, AWT looks for a display.
        System.setProperty("java.awt.headless", "true");
        long seed = 2026;
        Path out = Path.of("benchmarks", "results");
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                default:
                    sizes.add(Integer.parseInt(args[i].replace("_", "").replace(",", "")));
            }
        }
        if (Runtime.getRuntime().availableProcessors() > 1) {
            System.err.println("Fenzo evaluates hosts on " + Runtime.getRuntime().availableProcessors()
                    + " threads here; run with -XX:ActiveProcessorCount=1 to compare single-threaded placers");
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 1_000, 10_000);
        }
        List<SizeResult> results = new ArrayList<>();
        for (int agents : sizes) {
            SizeResult result = simulate(agents, seed, placers());
            results.add(result);
            System.out.println(ResultsTable.format(result));
        }
        ResultsCsv.write(results, out.resolve(CSV_NAME));
        PlacedVersusSizeChart.write(results, out.resolve(PNG_NAME));
        System.out.println("Wrote " + out.resolve(CSV_NAME) + " and " + out.resolve(PNG_NAME));
    }

    /** The placers compared, Gantry first. */
    public static List<Supplier<SimulatedPlacer>> placers() {
        return List.of(GantrySimPlacer::new, FenzoSimPlacer::new, SparkSimPlacer::new);
    }

    /** Runs every placer on its own copy of the cluster generated for {@code agents} and {@code seed}. */
    public static SizeResult simulate(int agents, long seed, List<Supplier<SimulatedPlacer>> placers) {
        Cluster cluster = new ClusterGenerator(seed).generate(agents);
        List<Job> jobs = new JobMixGenerator(seed).generate(agents);
        Simulation simulation = new Simulation(seed);
        List<PlacerResult> results = new ArrayList<>();
        for (Supplier<SimulatedPlacer> supplier : placers) {
            try (SimulatedPlacer placer = supplier.get()) {
                long start = System.nanoTime();
                results.add(simulation.run(placer, cluster.copy(), jobs));
                System.err.printf("%,d agents, %s: %.1f s%n", agents, placer.name(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
        return SizeResult.of(cluster, jobs, results);
    }
}
