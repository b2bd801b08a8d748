package dev.gantry.job;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's complaints about binding a spec tree into one line in the spec's own terms: the
 * field's dotted path, what it must be, and what it got (read from the tree, as the user wrote it).
 */
final class BindingErrors {
    private BindingErrors() {}

    static JobSpecException translate(JsonMappingException e, JsonNode tree) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // A record's own check, thrown from its constructor: already one line naming the field.
            if (cause instanceof JobSpecException spec) {
                return spec;
            }
        }
        List<Reference> path = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = dotted(path.subList(0, path.size() - 1));
            return new JobSpecException(SpecFields.find(parent)
                    .map(section -> section.unknownField(unknown.getPropertyName()))
                    .orElse("unknown field '" + dotted(path) + "'"));
        }
        if (e instanceof MismatchedInputException mismatch && !path.isEmpty()) {
            String field = dotted(path);
            String rule = field.equals(ResourcesSection.GPUS_FIELD) ? ResourcesSection.GPUS_RULE
                    : expected(mismatch.getTargetType());
            return new JobSpecException(field + " must be " + rule + ", got " + written(tree.at(pointer(path))));
        }
        return new JobSpecException((path.isEmpty() ? "job spec" : dotted(path)) + ": " + e.getOriginalMessage());
    }

    /** What a value of {@code type} looks like, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of keys to values";
        }
        if (type.isRecord()) {
            return "a section of fields";
        }
        return "a " + type.getSimpleName();
    }

    /** A value as the user wrote it: text quoted, numbers and booleans bare. */
    static String written(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        return node.asText();
    }

    /** {@code model.hidden[1]}. */
    static String dotted(List<Reference> path) {
        StringBuilder text = new StringBuilder();
        for (Reference ref : path) {
            if (ref.getFieldName() != null) {
                text.append(text.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                text.append('[').append(ref.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static JsonPointer pointer(List<Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (Reference ref : path) {
            pointer = ref.getFieldName() != null ? pointer.appendProperty(ref.getFieldName())
                    : pointer.appendIndex(ref.getIndex());
        }
        return pointer;
    }
}
