package dev.gantry.benchmarks.collective;

import dev.gantry.training.collective.RingCollectives;
import dev.gantry.training.collective.RingListener;
import dev.gantry.training.collective.RingOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A ring of {@code n} workers as threads of this JVM over loopback, formed through the same
 * {@link RingListener} API the Spark layer uses, each with its own buffer.
 */
final class LoopbackRing implements AutoCloseable {
    private final List<RingCollectives> workers;
    private final float[][] buffers;
    private final ExecutorService pool;

    LoopbackRing(int n, int floats, RingOptions options) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<RingListener> listeners = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            listeners.add(RingListener.open(InetAddress.getLoopbackAddress()));
            addresses.add(listeners.get(i).address());
        }
        pool = Executors.newFixedThreadPool(n);
        List<Future<RingCollectives>> joining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rank = i;
            joining.add(pool.submit(() -> listeners.get(rank).connect(rank, addresses, secret, options)));
        }
        workers = new ArrayList<>();
        for (Future<RingCollectives> f : joining) {
            workers.add(f.get());
        }
        buffers = new float[n][floats];
    }

    /**
     * Seconds from a common start until the last worker holds the sums. Buffers are refilled
     * (worker w holds w + 1 everywhere) before the start and checked after the end.
     */
    double allReduceSeconds() throws Exception {
        int n = workers.size();
        for (int w = 0; w < n; w++) {
            Arrays.fill(buffers[w], w + 1);
        }
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Long>> ends = new ArrayList<>();
        long[] starts = new long[n];
        for (int w = 0; w < n; w++) {
            int rank = w;
            ends.add(pool.submit(() -> {
                start.await();
                starts[rank] = System.nanoTime();
                workers.get(rank).allReduce(buffers[rank]);
                return System.nanoTime();
            }));
        }
        long end = Long.MIN_VALUE;
        for (Future<Long> f : ends) {
            end = Math.max(end, f.get());
        }
        long begin = Arrays.stream(starts).min().orElseThrow();
        float expected = n * (n + 1) / 2f;
        for (float[] b : buffers) {
            if (b[0] != expected || b[b.length - 1] != expected || b[b.length / 2] != expected) {
                throw new IllegalStateException("all-reduce gave a wrong sum");
            }
        }
        return (end - begin) / 1e9;
    }

    @Override
    public void close() {
        workers.forEach(RingCollectives::close);
        pool.shutdownNow();
    }
}
