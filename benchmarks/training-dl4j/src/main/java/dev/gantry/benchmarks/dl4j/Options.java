package dev.gantry.benchmarks.dl4j;

import dev.gantry.training.backend.Optimizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The benchmark's command line: {@code --name=value} pairs, each with a default. */
record Options(int inputs, List<Integer> hidden, int classes, int batch, Optimizer optimizer, double learningRate,
               int threads, long seed, int rounds, int warmupRounds, int steps) {

    private static final Set<String> NAMES = Set.of("inputs", "hidden", "classes", "batch", "optimizer", "lr",
            "threads", "seed", "rounds", "warmup", "steps");

    static Options parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; use --name=value with name one of " + NAMES);
            }
            values.put(name, arg.substring(eq + 1));
        }
        return new Options(
                Integer.parseInt(values.getOrDefault("inputs", "784")),
                Arrays.stream(values.getOrDefault("hidden", "256,128").split(",")).map(Integer::valueOf).toList(),
                Integer.parseInt(values.getOrDefault("classes", "10")),
                Integer.parseInt(values.getOrDefault("batch", "128")),
                Optimizer.valueOf(values.getOrDefault("optimizer", "SGD").toUpperCase(Locale.ROOT)),
                Double.parseDouble(values.getOrDefault("lr", "0.01")),
                Integer.parseInt(values.getOrDefault("threads", "1")),
                Long.parseLong(values.getOrDefault("seed", "1")),
                Integer.parseInt(values.getOrDefault("rounds", "15")),
                Integer.parseInt(values.getOrDefault("warmup", "3")),
                Integer.parseInt(values.getOrDefault("steps", "40")));
    }
}
