package dev.gantry.training.collective;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** A ring of workers as threads of this JVM over 127.0.0.1, as the Spark layer would form it. */
final class LocalRing implements AutoCloseable {
    static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.US_ASCII);

    final List<RingCollectives> workers;

    private LocalRing(List<RingCollectives> workers) {
        this.workers = workers;
    }

    static RingOptions options() {
        return RingOptions.forJob("test-job").withConnectTimeout(Duration.ofSeconds(20))
                .withOperationTimeout(Duration.ofSeconds(30));
    }

    static LocalRing of(int n) {
        return of(n, options());
    }

    static LocalRing of(int n, RingOptions options) {
        List<RingListener> listeners = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RingListener listener = RingListener.open(InetAddress.getLoopbackAddress());
            listeners.add(listener);
            addresses.add(listener.address());
        }
        return new LocalRing(onAll(n, rank -> listeners.get(rank).connect(rank, addresses, SECRET, options)));
    }

    static LocalRing wrap(List<RingCollectives> workers) {
        return new LocalRing(workers);
    }

    /** Runs {@code work} for every worker on its own thread; the results by rank. */
    <T> List<T> run(BiFunction<Integer, RingCollectives, T> work) {
        return onAll(workers.size(), rank -> work.apply(rank, workers.get(rank)));
    }

    /** Runs one task per rank at once and waits for all, rethrowing the first failure. */
    static <T> List<T> onAll(int n, RankTask<T> task) {
        List<Outcome<T>> outcomes = attempt(n, task);
        List<T> results = new ArrayList<>();
        for (Outcome<T> o : outcomes) {
            if (o.failure() != null) {
                throw o.failure() instanceof RuntimeException r ? r : new IllegalStateException(o.failure());
            }
            results.add(o.value());
        }
        return results;
    }

    /** Runs one task per rank at once and returns every result or failure, by rank. */
    static <T> List<Outcome<T>> attempt(int n, RankTask<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int rank = 0; rank < n; rank++) {
                int r = rank;
                futures.add(pool.submit((Callable<T>) () -> task.run(r)));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    outcomes.add(new Outcome<>(f.get(120, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                }
            }
            return outcomes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        workers.forEach(RingCollectives::close);
    }

    @FunctionalInterface
    interface RankTask<T> {
        T run(int rank) throws Exception;
    }

    record Outcome<T>(T value, Throwable failure) {}
}
