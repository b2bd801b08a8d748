package dev.gantry.training.checkpoint;

/**
 * What a checkpoint says about itself, beside the model's bytes.
 *
 * @param job  the job's identity: name, framework, model and global batch size. A checkpoint of
 *             another job in the same output directory is refused rather than resumed.
 * @param step steps completed over the whole job
 */
public record CheckpointState(String job, long step, int epoch) {}
