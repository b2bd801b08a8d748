package dev.gantry.job;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field tree of a spec, read from the records themselves so that overrides, suggestions and
 * the records can never disagree about which fields exist. A field is a section (a record, whose
 * fields are known), a map (any key: {@code spark}, {@code data.options}, ...) or a value.
 */
record SpecFields(String path, Shape shape, Class<?> type, Map<String, SpecFields> children) {

    enum Shape { SECTION, MAP, VALUE }

    static final SpecFields ROOT = section("", JobSpec.class);

    private static SpecFields section(String path, Class<?> record) {
        Map<String, SpecFields> children = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            String child = path.isEmpty() ? name : path + "." + name;
            Class<?> type = component.getType();
            children.put(name, type.isRecord() ? section(child, type)
                    : new SpecFields(child, Map.class.isAssignableFrom(type) ? Shape.MAP : Shape.VALUE, type, Map.of()));
        }
        return new SpecFields(path, Shape.SECTION, record, Collections.unmodifiableMap(children));
    }

    /** The section or field at a dotted path of section and field names ({@code ""} is the root). */
    static Optional<SpecFields> find(String path) {
        SpecFields field = ROOT;
        if (!path.isEmpty()) {
            for (String name : path.split("\\.", -1)) {
                field = field.children.get(name);
                if (field == null) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(field);
    }

    /**
     * The one-line complaint about a field {@code name} that this section does not have, with the
     * known name it most likely meant, or else all of them.
     */
    String unknownField(String name) {
        String full = path.isEmpty() ? name : path + "." + name;
        return "unknown field '" + full + "' " + Suggestions.closest(name, children.keySet())
                .map(known -> "(did you mean '" + known + "'?)")
                .orElse("(" + (path.isEmpty() ? "fields" : path + " has") + ": " + String.join(", ", children.keySet()) + ")");
    }

    /** Every value and map below this field, depth first in declaration order. */
    List<SpecFields> leaves() {
        List<SpecFields> leaves = new ArrayList<>();
        for (SpecFields child : children.values()) {
            if (child.shape == Shape.SECTION) {
                leaves.addAll(child.leaves());
            } else {
                leaves.add(child);
            }
        }
        return leaves;
    }
}
