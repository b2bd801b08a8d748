package dev.gantry.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Removing whole directory trees: the one place that knows how, for every module. */
public final class Directories {
    private Directories() {}

    /**
     * Deletes {@code root} and everything below it; nothing to do when it is missing. Symbolic links
     * are deleted, never followed, so what they point to stays. A failure does not stop the rest:
     * as much as can go goes, then the first failure is thrown with the others suppressed, since a
     * caller that tolerates leftovers still wants the least of them. Entries that vanish meanwhile
     * (another process cleaning up too) are not failures.
     *
     * @throws IOException when something could not be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        List<IOException> failures = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                delete(file, failures);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (!(e instanceof NoSuchFileException)) {
                    failures.add(e);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    failures.add(e);
                }
                delete(dir, failures);
                return FileVisitResult.CONTINUE;
            }
        });
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void delete(Path path, List<IOException> failures) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failures.add(e);
        }
    }
}
