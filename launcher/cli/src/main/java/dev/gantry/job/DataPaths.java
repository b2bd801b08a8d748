package dev.gantry.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec's data paths made absolute against a directory, as {@code gantry run} reads them against
 * the one it runs in. A spec sent to {@code gantry serve} needs that: its driver runs in a sandbox
 * on some agent, where a relative path means nothing. Text without a relative path comes back as
 * it was, comments and all; otherwise it comes back rewritten (as YAML, without its comments).
 */
public final class DataPaths {
    private static final List<String> FIELDS = List.of("data.path", "data.validation.path");

    /** The text to send, and one line per path that changed ({@code data.path: a.csv -> /home/x/a.csv}). */
    public record Resolved(String text, List<String> changes) {}

    private DataPaths() {}

    /** @throws JobSpecException when the text is not a YAML mapping (the service would say the same) */
    public static Resolved absolute(String text, Path base, String source) {
        JsonNode root;
        try {
            root = JobSpecYaml.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new JobSpecException(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode spec)) {
            return new Resolved(text, List.of());
        }
        List<String> changes = new ArrayList<>();
        for (String field : FIELDS) {
            ObjectNode parent = parent(spec, field);
            if (parent == null || !parent.path("path").isTextual()) {
                continue;
            }
            String path = parent.path("path").asText();
            if (path.isBlank() || path.contains("://") || Path.of(path).isAbsolute()) {
                continue;
            }
            String resolved = base.toAbsolutePath().resolve(path).normalize().toString();
            parent.put("path", resolved);
            changes.add(field + ": " + path + " -> " + resolved);
        }
        if (changes.isEmpty()) {
            return new Resolved(text, List.of());
        }
        try {
            return new Resolved(JobSpecYaml.MAPPER.writeValueAsString(spec), List.copyOf(changes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec back as YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode parent(ObjectNode spec, String field) {
        String[] parts = field.split("\\.");
        JsonNode node = spec;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.path(parts[i]);
        }
        return node instanceof ObjectNode object ? object : null;
    }
}
