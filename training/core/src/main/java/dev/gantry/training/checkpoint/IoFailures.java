package dev.gantry.training.checkpoint;

import java.nio.file.FileSystemException;

/** The root cause of a failed write, as one phrase a user can act on ("No space left on device"). */
public final class IoFailures {
    private IoFailures() {}

    public static String describe(Throwable failure) {
        Throwable root = root(failure);
        if (root instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The innermost cause of {@code failure}, or itself. */
    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
