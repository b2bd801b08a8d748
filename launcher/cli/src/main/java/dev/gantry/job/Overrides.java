package dev.gantry.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --set key=value} overrides, applied to the spec's YAML tree before it is bound, so an
 * override is checked exactly as the same value written in the file would be.
 *
 * <p>The key is a dotted path of field names ({@code training.epochs}, {@code resources.workers}).
 * Below a field that is a map of free keys ({@code spark}, {@code data.options},
 * {@code model.names}, {@code resources.constraints}), the whole rest of the path is one key,
 * dots included: {@code spark.spark.executor.memory=2g} sets the Spark key
 * {@code spark.executor.memory}. The value is read as a YAML scalar ({@code 3} a number,
 * {@code true} a boolean, {@code 2g} text, {@code ~} or nothing the default) or a flow list
 * ({@code [256, 128]}); a map's entries are always text, as Spark settings are.
 */
final class Overrides {
    private Overrides() {}

    static void apply(ObjectNode root, List<String> overrides) {
        for (String override : overrides) {
            apply(root, override);
        }
    }

    private static void apply(ObjectNode root, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new JobSpecException("--set " + override + ": expected key=value, e.g. training.epochs=3");
        }
        String key = override.substring(0, equals).strip();
        String value = override.substring(equals + 1);
        String[] names = key.split("\\.", -1);
        SpecFields field = SpecFields.ROOT;
        ObjectNode node = root;
        for (int i = 0; i < names.length; i++) {
            SpecFields child = field.children().get(names[i]);
            if (child == null) {
                throw new JobSpecException("--set " + override + ": " + field.unknownField(names[i]));
            }
            boolean last = i == names.length - 1;
            if (child.shape() == SpecFields.Shape.MAP && !last) {
                String mapKey = String.join(".", Arrays.asList(names).subList(i + 1, names.length));
                section(node, names[i]).set(mapKey, TextNode.valueOf(value));
                return;
            }
            if (last) {
                node.set(names[i], scalar(value));
                return;
            }
            if (child.shape() == SpecFields.Shape.VALUE) {
                throw new JobSpecException("--set " + override + ": " + child.path() + " is a value, not a section");
            }
            node = section(node, names[i]);
            field = child;
        }
    }

    /** The section {@code name} of {@code node}, created (or replacing a non-section) when the file has none. */
    private static ObjectNode section(ObjectNode node, String name) {
        JsonNode existing = node.get(name);
        return existing instanceof ObjectNode section ? section : node.putObject(name);
    }

    /** A value as YAML reads it; text that is not valid YAML on its own stays text, and binding judges it. */
    private static JsonNode scalar(String value) {
        try {
            JsonNode node = JobSpecYaml.MAPPER.readTree(value);
            return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
        } catch (java.io.IOException e) {
            return TextNode.valueOf(value);
        }
    }
}
