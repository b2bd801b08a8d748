package dev.gantry.training.checkpoint;

/**
 * A checkpoint read back and verified against its manifest.
 *
 * @param model   the backend's bytes: parameters and optimizer state
 * @param history the trainer's record of the run so far (epochs done, the current epoch's
 *                partial sums), opaque here; empty when none was written
 */
public record Checkpoint(CheckpointState state, byte[] model, byte[] history) {}
