package dev.gantry.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An agent attribute the job needs: the attribute must exist and, when {@code values} are given,
 * hold one of them. A value matches a text attribute that equals it; a number also matches any
 * numeric attribute at least as large, so {@code gpu_memory_mb} with {@code 40960} selects agents
 * whose GPUs have at least 40 GiB. Attribute values are text, as {@link OfferView} has them.
 *
 * @param values the accepted values, in the order given, without repeats; empty: any value
 */
public record AttributeConstraint(String name, List<String> values) implements AgentConstraint {
    public AttributeConstraint {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attribute constraint needs an attribute name");
        }
        values = List.copyOf(new LinkedHashSet<>(values));
    }

    /** The agent must have attribute {@code name}, with any value. */
    public static AttributeConstraint present(String name) {
        return new AttributeConstraint(name, List.of());
    }

    /** The agent's attribute {@code name} must match one of {@code values}. */
    public static AttributeConstraint oneOf(String name, String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("attribute " + name + ": no values to accept");
        }
        return new AttributeConstraint(name, List.of(values));
    }

    @Override
    public String describe() {
        return name + (values.isEmpty() ? " is set" : " is " + wanted());
    }

    @Override
    public ConstraintResult check(Candidate agent) {
        String actual = agent.attributes().get(name);
        if (actual == null) {
            return ConstraintResult.failed(this, "no attribute " + name + ", the job wants " + wanted());
        }
        if (values.isEmpty() || values.contains(actual)) {
            return ConstraintResult.met(this);
        }
        Double scalar = number(actual);
        if (scalar != null) {
            for (String value : values) {
                Double least = number(value);
                if (least != null && least <= scalar) {
                    return ConstraintResult.met(this);
                }
            }
        }
        return ConstraintResult.failed(this, "attribute " + name + " is " + actual + ", the job wants " + wanted());
    }

    /** "H100", "A100 or H100", "at least 40960"; "any value" when there are no values. */
    private String wanted() {
        if (values.isEmpty()) {
            return "any value";
        }
        List<String> each = new ArrayList<>(values.size());
        for (String value : values) {
            each.add(number(value) != null ? "at least " + value : value);
        }
        return String.join(" or ", each);
    }

    private static Double number(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isNaN(value) ? null : value;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
