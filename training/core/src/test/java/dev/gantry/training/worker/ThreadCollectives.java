package dev.gantry.training.worker;

import dev.gantry.training.collective.Collectives;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Collectives between threads of one JVM, for unit tests of the training loop (the real ring
 * has its own tests). Sums run in rank order so every worker gets bit-identical results.
 */
final class ThreadCollectives implements Collectives {
    private final int rank;
    private final Shared shared;

    private ThreadCollectives(int rank, Shared shared) {
        this.rank = rank;
        this.shared = shared;
    }

    static List<Collectives> group(int size) {
        Shared shared = new Shared(size);
        List<Collectives> all = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            all.add(new ThreadCollectives(r, shared));
        }
        return all;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return shared.slots.length;
    }

    @Override
    public void allReduce(float[] data) {
        shared.slots[rank] = data.clone();
        await();
        java.util.Arrays.fill(data, 0f);
        for (Object slot : shared.slots) {
            float[] other = (float[]) slot;
            for (int i = 0; i < data.length; i++) {
                data[i] += other[i];
            }
        }
        await();
    }

    @Override
    public void broadcast(float[] data, int root) {
        shared.slots[rank] = data.clone();
        await();
        System.arraycopy((float[]) shared.slots[root], 0, data, 0, data.length);
        await();
    }

    @Override
    public List<byte[]> allGather(byte[] data) {
        shared.slots[rank] = data.clone();
        await();
        List<byte[]> all = new ArrayList<>();
        for (Object slot : shared.slots) {
            all.add(((byte[]) slot).clone());
        }
        await();
        return all;
    }

    @Override
    public void close() {
    }

    private void await() {
        try {
            shared.barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Shared {
        final Object[] slots;
        final CyclicBarrier barrier;

        Shared(int size) {
            slots = new Object[size];
            barrier = new CyclicBarrier(size);
        }
    }
}
