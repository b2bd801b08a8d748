package dev.gantry.benchmarks.placement;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One job of a mix: {@code executors} executors of one shape, placed in one round. Constraints
 * are attribute values an agent must have, written for Spark as {@code spark.mesos.constraints}
 * and for Fenzo as host attribute constraints.
 */
public record Job(int id, JobKind kind, int executors, Resources executor, Map<String, String> constraints,
                  boolean gang) {
    public Job {
        constraints = Map.copyOf(constraints);
        if (executors <= 0) {
            throw new IllegalArgumentException("a job needs at least one executor");
        }
    }

    public boolean usesGpus() {
        return executor.gpus() > 0;
    }

    /** The constraints in {@code spark.mesos.constraints} syntax, attributes sorted: {@code gpu_model:H100}. */
    public String sparkConstraints() {
        StringJoiner text = new StringJoiner(";");
        new TreeMap<>(constraints).forEach((name, value) -> text.add(name + ':' + value));
        return text.toString();
    }

    public Resources total() {
        return executor.times(executors);
    }
}
