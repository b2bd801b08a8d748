package dev.gantry.training.checkpoint;

/** A checkpoint read back: its state and the backend's bytes (parameters and optimizer state). */
public record Checkpoint(CheckpointState state, byte[] model) {}
