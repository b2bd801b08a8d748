package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.training.data.DataSpec;
import dev.gantry.training.data.IdxFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Looks at a job's local data files before any cluster starts: a missing file, or one that is not
 * what its format says, is one line naming the field and the file instead of a Spark stack trace
 * minutes later. CSV files are scanned whole ({@link CsvScan}); of LibSVM files it reads the head.
 */
final class DataCheck {
    private static final int LINES = 100;
    private static final List<String> HADOOP_CODECS = List.of(".bz2", ".deflate", ".lz4", ".snappy", ".zst");
    private static final Pattern LIBSVM_LINE = Pattern.compile("[-+]?[0-9.eE+-]+(\\s+\\d+:[-+0-9.eE]+)*\\s*(#.*)?");
    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private DataCheck() {}

    /** @param field where the data is named in the spec: {@code data} or {@code data.validation} */
    static void check(DataSpec data, String field, int featureCount, int classes) {
        if (data.path() == null || isRemote(data.path())) {
            return;
        }
        Path path = local(data.path());
        requireReadable(path, field + ".path");
        switch (data.format()) {
            case "idx" -> idx(data, field, path, featureCount);
            case "csv" -> csv(data, field, path, featureCount, classes);
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

    private static void csv(DataSpec data, String field, Path path, int featureCount, int classes) {
        CsvScan scan = new CsvScan(field, header(data, field), data.option("label", "label"), featureCount, classes);
        boolean whole = true;
        for (Path file : DataFiles.of(path, field + ".path")) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (HADOOP_CODECS.stream().anyMatch(name::endsWith)) {
                // Spark decompresses these with Hadoop codecs that need native libraries; it reports them itself.
                whole = false;
                continue;
            }
            try (BufferedReader in = text(file, name.endsWith(".gz"))) {
                scan.file(file.toString(), in);
            } catch (IOException | UncheckedIOException e) {
                throw new JobSpecException(field + ".path: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (whole) {
            scan.requireExamples(path.toString());
        }
    }

    /** Spark's reading of the option: true or false in any case, nothing else. */
    private static boolean header(DataSpec data, String field) {
        String header = data.option("header", "true").toLowerCase(Locale.ROOT);
        if (!header.equals("true") && !header.equals("false")) {
            throw new JobSpecException(field + ".options.header must be true or false, got '" + data.option("header", "")
                    + "'");
        }
        return header.equals("true");
    }

    /** Decoded as Spark decodes it: UTF-8, with malformed bytes replaced rather than fatal. */
    private static BufferedReader text(Path file, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            in.close();
            throw e;
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

    private static boolean isRemote(String path) {
        return path.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !path.startsWith("file:");
    }

    private static Path local(String path) {
        return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
    }
}
