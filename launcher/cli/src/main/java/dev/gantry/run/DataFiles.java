package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files Spark reads for a local data path, so that a check before the job looks at the same
 * files the cluster reads later: the file itself, or every file under a directory, at any depth,
 * except those Spark's file index skips as hidden or as a writer's leftovers ({@code .crc},
 * {@code _SUCCESS}, {@code ._COPYING_}).
 */
final class DataFiles {
    private DataFiles() {}

    /** @param field the spec field naming the path, for the message when a directory holds nothing */
    static List<Path> of(Path path, String field) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        collect(path, files, field);
        if (files.isEmpty()) {
            throw new JobSpecException(field + ": directory " + path + " holds no data files");
        }
        return files;
    }

    private static void collect(Path directory, List<Path> files, String field) {
        List<Path> entries;
        try (Stream<Path> listed = Files.list(directory)) {
            entries = listed.filter(p -> !skipped(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new JobSpecException(field + ": cannot list " + directory + " (" + e.getClass().getSimpleName() + ")");
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                collect(entry, files, field);
            } else if (Files.isRegularFile(entry)) {
                files.add(entry);
            }
        }
    }

    /** Spark's InMemoryFileIndex.shouldFilterOutPathName: partition directories ({@code _x=1}) and Parquet summaries stay. */
    private static boolean skipped(String name) {
        boolean hidden = name.startsWith("_") && !name.contains("=") || name.startsWith(".") || name.endsWith("._COPYING_");
        return hidden && !name.startsWith("_common_metadata") && !name.startsWith("_metadata");
    }
}
