package dev.gantry.training.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who may join a ring: only the right worker of the right job, proven with the job's secret. */
class RingAuthenticationTest {
    private static final byte[] WRONG_SECRET = "fedcba9876543210-not-the-secret".getBytes(StandardCharsets.US_ASCII);
    private static final RingOptions OPTIONS = LocalRing.options().withConnectTimeout(Duration.ofSeconds(5));

    @Test
    void workersWithDifferentSecretsRefuseEachOther() {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        List<InetSocketAddress> peers = List.of(a.address(), b.address());
        List<LocalRing.Outcome<RingCollectives>> outcomes = LocalRing.attempt(2,
                rank -> (rank == 0 ? a : b).connect(rank, peers, rank == 0 ? LocalRing.SECRET : WRONG_SECRET, OPTIONS));

        for (LocalRing.Outcome<RingCollectives> o : outcomes) {
            assertThat(o.failure()).isInstanceOf(CollectiveException.class)
                    .hasMessageContaining("authentication failed");
        }
    }

    /**
     * A worker whose successor refused it (another secret) stays to answer its own predecessor, so
     * that one hears "authentication failed" too instead of finding the port closed and retrying
     * until the connect timeout. Rank 0 is played by hand here so that it dials only after rank 1
     * has been refused: the order in which a real ring could show the closed port.
     */
    @Test
    void aRefusedWorkerStillTellsItsPredecessorWhy() throws Exception {
        try (java.nio.channels.ServerSocketChannel rankZero = java.nio.channels.ServerSocketChannel.open()) {
            rankZero.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
            List<InetSocketAddress> peers = List.of((InetSocketAddress) rankZero.getLocalAddress(), b.address());
            CompletableFuture<RingCollectives> rankOne = CompletableFuture.supplyAsync(
                    () -> b.connect(1, peers, WRONG_SECRET, OPTIONS));

            try (TimedChannel fromRankOne = TimedChannel.of(rankZero.accept(), "rank 1")) {
                assertThatThrownBy(() -> Handshake.asAcceptor(fromRankOne, new Hello("test-job", 2, 1, 0,
                        OPTIONS.chunkBytes()), LocalRing.SECRET, TimeUnit.SECONDS.toNanos(10), deadline()))
                        .hasMessageContaining("authentication failed");
            }
            // Rank 1 has been refused. Dial it when it has given up, or after two seconds if it waits.
            try {
                rankOne.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException waitingOrDone) {
                // either way, now dial as rank 0
            }
            Hello asRankZero = new Hello("test-job", 2, 0, 1, OPTIONS.chunkBytes());
            assertThatThrownBy(() -> SuccessorDialer.handshake(SocketChannel.open(b.address()), "rank 1", asRankZero,
                    LocalRing.SECRET, deadline())).hasMessageContaining("authentication failed");
            assertThatThrownBy(() -> rankOne.get(10, TimeUnit.SECONDS)).hasMessageContaining("authentication failed");
        }
    }

    @Test
    void anImpostorIsRefusedAndTheRingFormsWithoutIt() throws Exception {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        CompletableFuture<TimedChannel> impostor = queuedFirst(b, new Hello("test-job", 2, 0, 1, OPTIONS.chunkBytes()),
                WRONG_SECRET);

        try (LocalRing ring = ring(a, b)) {
            assertThatThrownBy(() -> impostor.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CollectiveException.class)
                    .hasMessageContaining("authentication failed");
            assertRingWorks(ring);
        }
    }

    @Test
    void aWorkerOfAnotherJobIsRefusedEvenWithTheSameSecret() throws IOException {
        assertRefused(new Hello("other-job", 2, 0, 1, OPTIONS.chunkBytes()), "wrong job");
    }

    @Test
    void aWorkerClaimingTheWrongRankIsRefused() throws IOException {
        assertRefused(new Hello("test-job", 3, 2, 1, OPTIONS.chunkBytes()), "wrong ring");
        assertRefused(new Hello("test-job", 2, 1, 1, OPTIONS.chunkBytes()), "wrong rank");
    }

    @Test
    void aWorkerWithAnotherChunkSizeIsRefused() throws IOException {
        assertRefused(new Hello("test-job", 2, 0, 1, 4096), "different chunk size");
    }

    @Test
    void anOversizedLengthInTheHandshakeIsRefusedBeforeAnythingIsAllocated() throws Exception {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        try (Socket raw = new Socket()) {
            raw.connect(b.address(), 5000);
            raw.setSoTimeout(10_000);
            ByteBuffer hello = ByteBuffer.allocate(Hello.FIXED_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(Hello.MAGIC).putInt(Hello.VERSION).putInt(2).putInt(0).putInt(1)
                    .putInt(OPTIONS.chunkBytes()).putInt(Integer.MAX_VALUE);
            OutputStream out = raw.getOutputStream();
            out.write(hello.array());
            out.flush();

            CompletableFuture<LocalRing> ring = CompletableFuture.supplyAsync(() -> ring(a, b));
            String reason = readRejection(raw.getInputStream());
            assertThat(reason).contains("2147483647").contains("limit of 256 bytes");
            try (LocalRing formed = ring.get(20, TimeUnit.SECONDS)) {
                assertRingWorks(formed);
            }
        }
    }

    @Test
    void aConnectionThatIsNoGantryPeerIsRefused() throws Exception {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        try (Socket raw = new Socket()) {
            raw.connect(b.address(), 5000);
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: gantry.example\r\nAccept: */*\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<LocalRing> ring = CompletableFuture.supplyAsync(() -> ring(a, b));
            assertThat(readRejection(raw.getInputStream())).contains("not a Gantry ring handshake");
            ring.get(20, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void theDeadlineErrorNamesTheRefusedConnections() {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        // rank 0's listener is open but nobody serves it: rank 1 cannot finish either handshake
        CompletableFuture.runAsync(() -> {
            try {
                SuccessorDialer.dial(b.address(), "rank 1", new Hello("test-job", 2, 0, 1, OPTIONS.chunkBytes()),
                        WRONG_SECRET, deadline());
            } catch (CollectiveException expected) {
                // refused, as the assertion below checks from b's side
            }
        });
        RingOptions quick = OPTIONS.withConnectTimeout(Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> b.connect(1, List.of(a.address(), b.address()), LocalRing.SECRET, quick))
                .isInstanceOf(CollectiveException.class)
                .satisfies(e -> assertThat(describe(e)).contains("rank 0").contains("authentication failed"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        a.close();
    }

    @Test
    void aShortSecretIsRefusedUpFront() {
        try (RingListener a = RingListener.open(InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> a.connect(0, List.of(a.address()), new byte[8], OPTIONS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        }
    }

    private static void assertRefused(Hello hello, String reason) throws IOException {
        RingListener a = RingListener.open(InetAddress.getLoopbackAddress());
        RingListener b = RingListener.open(InetAddress.getLoopbackAddress());
        CompletableFuture<TimedChannel> stranger = queuedFirst(b, hello, LocalRing.SECRET);
        try (LocalRing ring = ring(a, b)) {
            assertThatThrownBy(() -> stranger.get(10, TimeUnit.SECONDS)).hasMessageContaining(reason);
            assertRingWorks(ring);
        }
    }

    /**
     * Connects to {@code listener} at once and handshakes in the background. The connection is in
     * the listener's accept queue before the real predecessor dials, so the listener handshakes with
     * it first; dialled later, it could still sit in the queue when the ring forms and the listener
     * closes, and see a reset instead of the reason it was refused.
     */
    private static CompletableFuture<TimedChannel> queuedFirst(RingListener listener, Hello hello, byte[] secret)
            throws IOException {
        SocketChannel connected = SocketChannel.open(listener.address());
        return CompletableFuture.supplyAsync(() -> SuccessorDialer.handshake(connected, "rank 1", hello, secret,
                deadline()));
    }

    static LocalRing ring(RingListener a, RingListener b) {
        List<InetSocketAddress> peers = List.of(a.address(), b.address());
        return LocalRing.wrap(LocalRing.onAll(2,
                rank -> (rank == 0 ? a : b).connect(rank, peers, LocalRing.SECRET, OPTIONS)));
    }

    private static void assertRingWorks(LocalRing ring) {
        List<float[]> sums = ring.run((rank, c) -> {
            float[] data = {rank + 1, 10};
            c.allReduce(data);
            return data;
        });
        assertThat(sums).allSatisfy(s -> assertThat(s).containsExactly(3, 20));
    }

    private static String readRejection(InputStream in) throws Exception {
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readByte()).isEqualTo(Handshake.REJECTED);
        int length = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
        byte[] reason = new byte[length];
        data.readFully(reason);
        return new String(reason, StandardCharsets.UTF_8);
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.getMessage());
        for (Throwable t : e.getSuppressed()) {
            s.append(" | ").append(t.getMessage());
        }
        return s.toString();
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }
}
