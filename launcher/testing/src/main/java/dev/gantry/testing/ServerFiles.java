package dev.gantry.testing;

import dev.gantry.files.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the harnesses of real servers (PostgreSQL, Prometheus) do with their files: show a log's end, remove a directory. */
final class ServerFiles {
    private ServerFiles() {}

    /** The log's last ten lines, for a failure message; what went wrong reading it otherwise. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Removes {@code root} and everything in it; nothing to do when it is not there. */
    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            Directories.deleteTree(root);
        }
    }
}
