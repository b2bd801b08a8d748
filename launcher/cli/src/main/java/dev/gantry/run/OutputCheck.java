package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether {@code output.directory} can take a job's results: an existing directory this user can
 * write, or a path whose nearest existing ancestor is one. Otherwise worker 0 finds out at its
 * first checkpoint, after the cluster, the executors and every barrier retry, in pages of stack
 * traces. Nothing is created here, so a refused job leaves nothing behind.
 */
final class OutputCheck {
    private static final String FIELD = "output.directory: ";

    private OutputCheck() {}

    /** @param directory as the spec gives it, which is what the message names */
    static void check(String directory) {
        Path path = Path.of(directory).toAbsolutePath().normalize();
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw refused(directory + (Files.isRegularFile(path) ? " is a file, not a directory" : " is not a directory"));
            }
            if (!Files.isWritable(path)) {
                throw refused(directory + " is not writable");
            }
            return;
        }
        if (Files.isSymbolicLink(path)) {
            throw refused(directory + " is a symbolic link to something that does not exist");
        }
        Path ancestor = path.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return;
        }
        if (!Files.isDirectory(ancestor)) {
            throw refused("cannot create " + directory + ": " + ancestor
                    + (Files.isRegularFile(ancestor) ? " is a file" : " is not a directory"));
        }
        if (!Files.isWritable(ancestor)) {
            throw refused("cannot create " + directory + ": " + ancestor + " is not writable");
        }
    }

    private static JobSpecException refused(String why) {
        return new JobSpecException(FIELD + why);
    }
}
