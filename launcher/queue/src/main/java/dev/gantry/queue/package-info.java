/**
 * The service's queue policy, pure like placement: queued and running jobs, the teams' shares, the
 * agents as placement sees them and the time in ({@link dev.gantry.queue.QueueState}); a {@link
 * dev.gantry.queue.QueueDecision} out: which gangs start now and where (checked with placement's
 * {@link dev.gantry.placement.Placer}), which resumable jobs to checkpoint and stop, and why each
 * other job waits. No I/O, no clock, no threads, so that it is testable by properties and replayable
 * in the queue simulator. Policies sit behind {@link dev.gantry.queue.QueuePolicy}: {@link
 * dev.gantry.queue.Fifo}, {@link dev.gantry.queue.FairShare} (Tiresias' least attained GPU service
 * within the teams' weighted shares) and, for the simulator only, {@link dev.gantry.queue.ShortestFirst}.
 */
package dev.gantry.queue;
