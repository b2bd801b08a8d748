package dev.gantry.training.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A ring that loses a worker, meets a silent one or a malformed frame fails fast everywhere. */
class RingFailureTest {

    @Test
    void closingAWorkerThatNeverJoinsTheOperationFailsTheOthersPromptly() throws Exception {
        try (LocalRing ring = LocalRing.of(3)) {
            CompletableFuture<Void> zero = allReduceAsync(ring.workers.get(0), 1 << 20);
            CompletableFuture<Void> one = allReduceAsync(ring.workers.get(1), 1 << 20);
            Thread.sleep(300);
            long killed = System.nanoTime();
            ring.workers.get(2).close();

            assertFailsWithCollectiveException(zero);
            assertFailsWithCollectiveException(one);
            // the operation timeout is 30 s: the others must learn from the closed sockets, not wait it out
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aWorkerClosedInTheMiddleOfAnAllReduceFailsEveryWorker() throws Exception {
        try (LocalRing ring = LocalRing.of(3)) {
            int length = 16 << 20; // 64 MB each: far longer than the moment before close()
            List<CompletableFuture<Void>> all = List.of(allReduceAsync(ring.workers.get(0), length),
                    allReduceAsync(ring.workers.get(1), length), allReduceAsync(ring.workers.get(2), length));
            Thread.sleep(20);
            long killed = System.nanoTime();
            ring.workers.get(2).close();
            for (CompletableFuture<Void> f : all) {
                assertFailsWithCollectiveException(f);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSilentNeighbourFailsTheOthersAtTheOperationTimeout() throws Exception {
        try (LocalRing ring = LocalRing.of(3, LocalRing.options().withOperationTimeout(Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            CompletableFuture<Void> zero = allReduceAsync(ring.workers.get(0), 1000);
            CompletableFuture<Void> one = allReduceAsync(ring.workers.get(1), 1000);
            // worker 2 stays alive and never calls allReduce
            Throwable zeroFailure = assertFailsWithCollectiveException(zero);
            assertFailsWithCollectiveException(one);
            assertThat(zeroFailure).hasMessageContaining("timed out").hasMessageContaining("rank 2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBrokenRingRefusesEveryLaterVerb() throws Exception {
        try (LocalRing ring = LocalRing.of(2, LocalRing.options().withOperationTimeout(Duration.ofMillis(300)))) {
            RingCollectives zero = ring.workers.get(0);
            assertThatThrownBy(() -> zero.allReduce(new float[10])).isInstanceOf(CollectiveException.class);
            assertThatThrownBy(() -> zero.allGather(new byte[1])).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("broken");
        }
    }

    @Test
    void workersCallingDifferentVerbsFailSayingSo() {
        try (LocalRing ring = LocalRing.of(2)) {
            List<LocalRing.Outcome<Object>> outcomes = LocalRing.attempt(2, rank -> {
                if (rank == 0) {
                    ring.workers.get(0).allReduce(new float[10]);
                } else {
                    ring.workers.get(1).broadcast(new float[10], 1);
                }
                return null;
            });
            assertThat(outcomes.get(0).failure()).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("broadcast").hasMessageContaining("same verbs");
        }
    }

    @Test
    void workersPassingDifferentLengthsFailSayingSo() {
        try (LocalRing ring = LocalRing.of(2)) {
            List<LocalRing.Outcome<Object>> outcomes = LocalRing.attempt(2, rank -> {
                ring.workers.get(rank).allReduce(new float[rank == 0 ? 10 : 12]);
                return null;
            });
            assertThat(outcomes).anySatisfy(o -> assertThat(o.failure()).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("same length"));
        }
    }

    @Test
    void anOversizedFrameLengthFromAnAuthenticatedPeerIsRefusedBeforeReadingIt() throws Exception {
        try (FakeRankZero fake = new FakeRankZero()) {
            RingCollectives real = fake.joinWithRealRankOne();
            fake.send(new FrameHeader(1, Verb.ALL_REDUCE.code(), 0, 10, Integer.MAX_VALUE));
            assertThatThrownBy(() -> real.allReduce(new float[10])).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("frame of 2147483647 bytes")
                    .hasMessageContaining("limit of " + RingOptions.DEFAULT_CHUNK_BYTES + " bytes");
            real.close();
        }
    }

    @Test
    void anOversizedAllGatherBlockIsRefusedBeforeItIsAllocated() throws Exception {
        try (FakeRankZero fake = new FakeRankZero()) {
            RingCollectives real = fake.joinWithRealRankOne();
            fake.send(new FrameHeader(1, Verb.ALL_GATHER.code(), 0, 2_000_000_000, 0));
            assertThatThrownBy(() -> real.allGather(new byte[3])).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("block of 2000000000 bytes")
                    .hasMessageContaining("limit of " + RingOptions.DEFAULT_MAX_MESSAGE_BYTES + " bytes");
            real.close();
        }
    }

    @Test
    void aNegativeFrameLengthIsRefused() throws Exception {
        try (FakeRankZero fake = new FakeRankZero()) {
            RingCollectives real = fake.joinWithRealRankOne();
            fake.send(new FrameHeader(1, Verb.ALL_REDUCE.code(), 0, 10, -4));
            assertThatThrownBy(() -> real.allReduce(new float[10])).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("exceeds the limit");
            real.close();
        }
    }

    @Test
    void aPeerThatNeverAnswersFailsTheConnectAtTheConnectTimeout() {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        RingOptions quick = LocalRing.options().withConnectTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.connect(0, List.of(a.address(), b.address()), LocalRing.SECRET, quick))
                .isInstanceOf(CollectiveException.class).hasMessageContaining("rank 1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(5));
        b.close();
    }

    @Test
    void closeStopsTheSenderThreads() throws Exception {
        LocalRing ring = LocalRing.of(3);
        ring.run((rank, c) -> {
            c.allReduce(new float[100]);
            return null;
        });
        ring.close();
        ring.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ringThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ringThreads()).isZero();
        assertThatThrownBy(() -> ring.workers.get(0).allReduce(new float[1])).isInstanceOf(CollectiveException.class)
                .hasMessageContaining("closed");
    }

    private static long ringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gantry-ring-") && t.isAlive()).count();
    }

    private static CompletableFuture<Void> allReduceAsync(RingCollectives worker, int length) {
        return CompletableFuture.runAsync(() -> worker.allReduce(new float[length]), runnable -> {
            Thread t = new Thread(runnable, "test-worker-" + worker.rank());
            t.setDaemon(true);
            t.start();
        });
    }

    private static Throwable assertFailsWithCollectiveException(CompletableFuture<Void> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CollectiveException.class);
            return e.getCause();
        }
        throw new AssertionError("the operation completed instead of failing");
    }

    /**
     * Rank 0 of a ring of two, played by hand over raw channels: it authenticates like a real
     * worker, then writes whatever frame the test gives it.
     */
    private static final class FakeRankZero implements AutoCloseable {
        private final ServerSocketChannel server;
        private TimedChannel toRankOne;
        private TimedChannel fromRankOne;

        FakeRankZero() throws Exception {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        RingCollectives joinWithRealRankOne() throws Exception {
            RingOptions options = LocalRing.options();
            RingListener listener = RingListener.open(InetAddress.getLoopbackAddress());
            List<InetSocketAddress> peers = List.of((InetSocketAddress) server.getLocalAddress(), listener.address());
            CompletableFuture<RingCollectives> real = CompletableFuture.supplyAsync(
                    () -> listener.connect(1, peers, LocalRing.SECRET, options));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            SocketChannel accepted = server.accept();
            fromRankOne = TimedChannel.of(accepted, "rank 1");
            Handshake.asAcceptor(fromRankOne, new Hello("test-job", 2, 1, 0, options.chunkBytes()), LocalRing.SECRET,
                    TimeUnit.SECONDS.toNanos(10), deadline);
            toRankOne = SuccessorDialer.dial(listener.address(), "rank 1",
                    new Hello("test-job", 2, 0, 1, options.chunkBytes()), LocalRing.SECRET, deadline);
            return real.get(10, TimeUnit.SECONDS);
        }

        void send(FrameHeader header) {
            ByteBuffer raw = ByteBuffer.allocate(FrameHeader.BYTES).order(RingSender.ORDER);
            header.writeTo(raw);
            toRankOne.writeFully(raw.flip(), TimeUnit.SECONDS.toNanos(10), TimedChannel.NO_DEADLINE);
        }

        @Override
        public void close() throws Exception {
            if (toRankOne != null) {
                toRankOne.close();
            }
            if (fromRankOne != null) {
                fromRankOne.close();
            }
            server.close();
        }
    }
}
