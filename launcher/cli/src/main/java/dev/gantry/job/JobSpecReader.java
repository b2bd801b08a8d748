package dev.gantry.job;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a job spec file, applies {@code --set} overrides (see {@link Overrides}), and binds and
 * checks the result. Anything wrong ends in a {@link JobSpecException} whose one line names the
 * file or the field.
 */
public final class JobSpecReader {

    public JobSpec read(Path file) {
        return read(file, List.of());
    }

    public JobSpec read(Path file, List<String> overrides) {
        return parse(text(file), "job spec " + file, overrides);
    }

    /**
     * Binds a spec given as text rather than a file, e.g. one submitted to {@code gantry serve}: YAML,
     * or JSON, which is YAML too.
     *
     * @param source how messages name the text, e.g. {@code the submitted spec}
     */
    public JobSpec parseText(String text, String source) {
        return parse(text, source, List.of());
    }

    /**
     * Binds YAML text.
     *
     * @param source how messages name the text, e.g. {@code job spec job.yaml}
     */
    JobSpec parse(String yaml, String source, List<String> overrides) {
        ObjectNode tree = tree(yaml, source);
        Overrides.apply(tree, overrides);
        try {
            return JobSpecYaml.MAPPER.readerFor(JobSpec.class).readValue(tree);
        } catch (JsonMappingException e) {
            throw BindingErrors.translate(e, tree);
        } catch (IOException e) {
            throw new JobSpecException(source + ": " + e.getMessage());
        }
    }

    /**
     * The spec file's text, as {@code gantry run} reads it: refused in one line naming the file when it is
     * missing, a directory, unreadable or not UTF-8. Also what {@code gantry submit} sends.
     */
    public static String text(Path file) {
        if (Files.isDirectory(file)) {
            throw new JobSpecException("job spec " + file + " is a directory, not a file");
        }
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobSpecException("job spec " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new JobSpecException("job spec " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new JobSpecException("job spec " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new JobSpecException("job spec " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static ObjectNode tree(String yaml, String source) {
        JsonNode node;
        try {
            node = JobSpecYaml.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new JobSpecException(source + " is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new JobSpecException(source + " must be a YAML mapping of fields ("
                    + String.join(", ", SpecFields.ROOT.children().keySet()) + "), not " + BindingErrors.written(node));
        }
        return object;
    }

    /** Line and column where the parser stopped, and its problem, from SnakeYAML's own report where there is one. */
    private static JobSpecException syntaxError(JsonProcessingException e, String source) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                return syntaxError(source, mark.getLine() + 1, mark.getColumn() + 1, marked.getProblem());
            }
        }
        JsonLocation at = e.getLocation();
        return syntaxError(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage());
    }

    private static JobSpecException syntaxError(String source, int line, int column, String problem) {
        return new JobSpecException(source + " has a YAML syntax error at line " + line + ", column " + column + ": " + problem);
    }
}
