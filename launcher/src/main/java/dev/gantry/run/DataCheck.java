package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.data.IdxFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks at a job's local data files before any cluster starts: a missing file, or one that is not
 * what its format says, is one line naming the field and the file instead of a Spark stack trace
 * minutes later. It reads the head of text files only; Spark reads the rest.
 */
final class DataCheck {
    private static final int LINES = 100;
    private static final Pattern LIBSVM_LINE = Pattern.compile("[-+]?[0-9.eE+-]+(\\s+\\d+:[-+0-9.eE]+)*\\s*(#.*)?");
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private DataCheck() {}

    /** @param field where the data is named in the spec: {@code data} or {@code data.validation} */
    static void check(DataSpec data, String field, int featureCount) {
        if (data.path() == null || isRemote(data.path())) {
            return;
        }
        Path path = local(data.path());
        requireReadable(path, field + ".path");
        switch (data.format()) {
            case "idx" -> idx(data, field, path, featureCount);
            case "csv" -> csv(data, field, path, featureCount);
            case "libsvm" -> libsvm(field, path);
            case "parquet" -> parquet(field, path);
            default -> { }
        }
    }

    private static void idx(DataSpec data, String field, Path images, int featureCount) {
        String labels = data.options().get("labels");
        if (labels == null) {
            throw new JobSpecException(field + ".options.labels: idx data needs the labels file");
        }
        Path labelsPath = local(labels);
        requireReadable(labelsPath, field + ".options.labels");
        IdxFile imageFile = read(images, field + ".path");
        IdxFile labelFile = read(labelsPath, field + ".options.labels");
        if (labelFile.itemSize() != 1 || labelFile.count() != imageFile.count()) {
            throw new JobSpecException(field + ".options.labels: " + labels + " holds " + labelFile.count()
                    + " labels of size " + labelFile.itemSize() + " for the " + imageFile.count() + " images in "
                    + data.path());
        }
        if (imageFile.itemSize() != featureCount) {
            throw new JobSpecException(field + ".path: the images in " + data.path() + " have " + imageFile.itemSize()
                    + " values each, but the model takes " + featureCount + " (model.inputShape)");
        }
    }

    private static IdxFile read(Path path, String field) {
        try {
            return IdxFile.read(path);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(field + ": " + e.getMessage());
        }
    }

    private static void csv(DataSpec data, String field, Path path, int featureCount) {
        Path file = firstFile(path, ".csv", field);
        boolean header = Boolean.parseBoolean(data.option("header", "true"));
        String label = data.option("label", "label");
        List<String> lines = head(file, field);
        if (lines.isEmpty() || (header && lines.size() < 2)) {
            throw new JobSpecException(field + ".path: " + file + " holds no examples");
        }
        int columns = split(lines.get(0)).size();
        int labelColumn = columns - 1;
        if (header) {
            List<String> names = split(lines.get(0));
            labelColumn = names.indexOf(label);
            if (labelColumn < 0) {
                throw new JobSpecException(field + ".options.label: " + file + " has no column '" + label
                        + "' (columns: " + abbreviate(String.join(", ", names)) + ")");
            }
        }
        if (columns - 1 != featureCount) {
            throw new JobSpecException(field + ".path: " + file + " has " + (columns - 1) + " feature columns, but the"
                    + " model takes " + featureCount + " (model.inputShape)");
        }
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
            List<String> values = split(lines.get(i));
            if (values.size() != columns) {
                throw new JobSpecException(field + ".path: " + file + " line " + (i + 1) + " has " + values.size()
                        + " values, not " + columns);
            }
            for (String value : values) {
                if (!isNumber(value)) {
                    throw new JobSpecException(field + ".path: " + file + " line " + (i + 1) + ": '"
                            + abbreviate(value) + "' is not a number");
                }
            }
        }
    }

    private static void libsvm(String field, Path path) {
        Path file = firstFile(path, "", field);
        List<String> lines = head(file, field);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#") && !LIBSVM_LINE.matcher(line).matches()) {
                throw new JobSpecException(field + ".path: " + file + " line " + (i + 1)
                        + " is not 'label index:value ...' (LibSVM)");
            }
        }
    }

    private static void parquet(String field, Path path) {
        Path file = firstFile(path, ".parquet", field);
        byte[] start = new byte[PARQUET_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(start, 0, start.length) != start.length || !Arrays.equals(start, PARQUET_MAGIC)) {
                throw new JobSpecException(field + ".path: " + file + " is not a Parquet file");
            }
        } catch (IOException e) {
            throw new JobSpecException(field + ".path: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file itself, or the first data file of a directory as Spark writes them. */
    private static Path firstFile(Path path, String suffix, String field) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                    .filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().findFirst()
                    .orElseThrow(() -> new JobSpecException(field + ".path: directory " + path + " holds no "
                            + (suffix.isEmpty() ? "data" : suffix) + " files"));
        } catch (IOException e) {
            throw new JobSpecException(field + ".path: cannot list " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<String> head(Path file, String field) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return in.lines().limit(LINES).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new JobSpecException(field + ".path: " + file + " is not readable text (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static void requireReadable(Path path, String field) {
        if (!Files.exists(path)) {
            throw new JobSpecException(field + ": " + path + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new JobSpecException(field + ": " + path + " is not readable");
        }
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::strip).map(DataCheck::unquote).toList();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isRemote(String path) {
        return path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !path.startsWith("file:");
    }

    private static Path local(String path) {
        return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
