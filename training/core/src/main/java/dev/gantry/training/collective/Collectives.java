package dev.gantry.training.collective;

import java.util.List;

/**
 * The few verbs synchronous data-parallel training needs, after Horovod's collective API. Every
 * worker of a job calls the same verbs in the same order; a verb returns once this worker holds
 * its result. Any failure of a peer (death, timeout, bad frame, failed authentication) surfaces
 * as a {@link CollectiveException} on every worker still running, so the stage fails as a whole.
 *
 * <p>{@link SoloCollectives} serves a job of one worker; {@link RingCollectives}, joined through
 * {@link RingListener}, a job of several.
 */
public interface Collectives extends AutoCloseable {

    /** This worker's position, 0 to {@code size() - 1}. */
    int rank();

    /** The number of workers. */
    int size();

    /** Sums {@code data} element-wise over all workers, in place: every worker ends with the same sums. */
    void allReduce(float[] data);

    /** Replaces {@code data} on every worker with the contents it has on {@code root}. */
    void broadcast(float[] data, int root);

    /** Every worker's {@code data}, indexed by rank. */
    List<byte[]> allGather(byte[] data);

    @Override
    void close();
}
