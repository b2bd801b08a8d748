package dev.gantry.job;

/**
 * {@code output}: where a job writes.
 *
 * @param directory checkpoints, the exported model, {@code metrics.json} and {@code report.html};
 *                  one job's own (a directory holding another job's checkpoints is refused at
 *                  launch); default {@code runs/<name>}
 */
public record OutputSection(String directory) {
    /** The default directory of job {@code name}. */
    static OutputSection forJob(String name) {
        return new OutputSection("runs/" + name);
    }
}
