package dev.gantry.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that are seen whole or not at all: write next to the target under a temporary name,
 * then rename. A crash leaves at most a temporary file behind, never a half-written model.
 */
public final class AtomicFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** The names {@link #fresh} and {@link #writeDirectory} give: {@code .<name>.<random>.tmp}, {@code .<name>.old<random>}. */
    private static final Pattern LEFTOVER = Pattern.compile("\\..+\\.([0-9a-z]+\\.tmp|old\\d+)");
    private static final Pattern MOVED_ASIDE = Pattern.compile("\\.(.+)\\.old\\d+");

    private AtomicFiles() {}

    /** Something that writes to a stream and may fail. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a directory and may fail. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = fresh(parent, "." + target.getFileName(), false);
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            rename(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Fills a fresh temporary directory, then renames it to {@code target}, replacing an older one. */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = fresh(parent, "." + target.getFileName(), true);
        try {
            writer.write(temp);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old");
                Files.delete(old);
                rename(target, old);
                rename(temp, target);
                Directories.deleteTree(old);
            } else {
                rename(temp, target);
            }
        } finally {
            Directories.deleteTree(temp);
        }
    }

    /**
     * A new, uniquely named file or directory beside the target. Not {@code Files.createTemp*}:
     * those make it owner-only (0600, 0700), and the rename would then hide a report or model from
     * the other users of a shared output directory; this one takes the umask's permissions, as the
     * file written directly would.
     */
    private static Path fresh(Path parent, String prefix, boolean directory) throws IOException {
        while (true) {
            Path candidate = parent.resolve(prefix + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return directory ? Files.createDirectory(candidate) : Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // Another writer's name: draw again.
            }
        }
    }

    /**
     * Removes what writers that died mid-write left in {@code dir}: temporaries, and the older
     * version a replaced directory was moved aside to (put back instead when the death came between
     * the two renames, so the target is missing). Only for a caller that knows no writer in
     * {@code dir} is alive; returns how many were removed or put back.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(dir)) {
            leftovers = entries.filter(p -> LEFTOVER.matcher(p.getFileName().toString()).matches()).toList();
        }
        for (Path leftover : leftovers) {
            Matcher aside = MOVED_ASIDE.matcher(leftover.getFileName().toString());
            Path target = aside.matches() ? dir.resolve(aside.group(1)) : null;
            if (target != null && !Files.exists(target)) {
                rename(leftover, target);
            } else {
                Directories.deleteTree(leftover);
            }
        }
        return leftovers.size();
    }

    /**
     * Renames {@code from} to {@code to} in one step where the file system can (within one
     * directory it always can), replacing an existing {@code to}: readers see the old name's
     * content or the new, never a file being written.
     */
    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
