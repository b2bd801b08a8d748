package dev.gantry.service.jobs;

/**
 * A waiting job's place in the queue: its position (1 first), and why it waits, in the policy's
 * words (e.g. {@code GANG_DOES_NOT_FIT: needs 4 GPUs on ...}).
 */
public record QueueEntry(long jobId, String team, int position, String reason) {}
