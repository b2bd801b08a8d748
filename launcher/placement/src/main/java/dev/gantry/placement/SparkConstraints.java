package dev.gantry.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Agent constraints in the syntax of Spark 3.5's {@code spark.mesos.constraints}:
 * {@code attr1:v1,v2;attr2:v3;attr3}. Constraints separated by {@code ;} must all hold; the
 * values after {@code :} are alternatives; an attribute without values must merely exist. A text
 * attribute matches when it equals one of the values; a numeric (scalar) attribute matches when one
 * of the values is at most the agent's, so {@code gpu_memory_mb:40960} selects agents whose GPUs
 * have at least 40 GiB.
 */
public final class SparkConstraints {
    private SparkConstraints() {}

    /**
     * Parses a constraint string; empty or blank means no constraints.
     *
     * @throws IllegalArgumentException naming the part that is malformed
     */
    public static List<AgentConstraint> parse(String text) {
        List<AgentConstraint> constraints = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return constraints;
        }
        for (String part : text.split(";")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String name = (colon < 0 ? trimmed : trimmed.substring(0, colon)).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("spark.mesos.constraints: '" + trimmed + "' names no attribute");
            }
            Set<String> values = new LinkedHashSet<>();
            if (colon >= 0) {
                for (String value : trimmed.substring(colon + 1).split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("spark.mesos.constraints: '" + trimmed
                            + "' has a ':' but no values");
                }
            }
            constraints.add(new AttributeConstraint(name, values));
        }
        return constraints;
    }

    /** One {@code name:values} constraint. */
    public record AttributeConstraint(String name, Set<String> values) implements AgentConstraint {
        public AttributeConstraint {
            values = Set.copyOf(values);
        }

        @Override
        public boolean admits(Candidate agent) {
            String actual = agent.attributes().get(name);
            if (actual == null) {
                return false;
            }
            if (values.isEmpty() || values.contains(actual)) {
                return true;
            }
            Double scalar = number(actual);
            if (scalar == null) {
                return false;
            }
            for (String wanted : values) {
                Double least = number(wanted);
                if (least != null && least <= scalar) {
                    return true;
                }
            }
            return false;
        }

        private static Double number(String text) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
    }
}
