package dev.gantry.run;

import dev.gantry.training.TrainingJob;
import dev.gantry.training.checkpoint.Checkpoint;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** The one line a stopped run leaves: which checkpoint it kept, and that the same command resumes from it. */
final class StopNotice {
    private StopNotice() {}

    /** @param totalSteps the job's steps, when training got far enough to know them */
    static String line(Optional<Checkpoint> kept, OptionalLong totalSteps, Path checkpoints) {
        if (kept.isEmpty()) {
            return "stopped: no checkpoint yet; nothing kept";
        }
        String of = totalSteps.isPresent() ? " of " + totalSteps.getAsLong() : "";
        return "stopped: kept the checkpoint at step " + kept.get().state().step() + of + " in " + checkpoints
                + "; run the same command again to resume";
    }

    /** The line for {@code job} as its output directory stands now. */
    static String of(TrainingJob job, OptionalLong totalSteps) {
        Path dir = job.checkpoints().dir();
        try {
            return line(job.checkpoints().latest(job.identity()), totalSteps, dir);
        } catch (RuntimeException unreadable) {
            return "stopped: cannot read the checkpoints in " + dir + " (" + unreadable.getMessage() + ")";
        }
    }
}
