package dev.gantry.spark;

import dev.gantry.placement.AgentConstraint;
import dev.gantry.placement.AttributeConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark 3.5's {@code spark.mesos.constraints} syntax, read into the placement engine's attribute
 * constraints: {@code attr1:v1,v2;attr2:v3;attr3}. Constraints separated by {@code ;} must all
 * hold; the values after {@code :} are alternatives; an attribute without values must merely
 * exist. What a value matches (text equal, or a number at most the agent's) is {@link
 * AttributeConstraint}'s.
 */
public final class SparkConstraints {
    static final String KEY = "spark.mesos.constraints";

    private SparkConstraints() {}

    /**
     * Parses a constraint string; empty or blank means no constraints.
     *
     * @throws IllegalArgumentException naming the key and the part that is malformed
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
                throw new IllegalArgumentException(KEY + ": '" + trimmed + "' names no attribute");
            }
            List<String> values = new ArrayList<>();
            if (colon >= 0) {
                for (String value : trimmed.substring(colon + 1).split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.trim());
                    }
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(KEY + ": '" + trimmed + "' has a ':' but no values");
                }
            }
            constraints.add(new AttributeConstraint(name, values));
        }
        return constraints;
    }
}
