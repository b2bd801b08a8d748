package dev.gantry.training.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingCollectivesTest {

    @Test
    void aHundredSmallAllReducesOnOneRing() {
        try (LocalRing ring = LocalRing.of(3)) {
            List<Boolean> ok = ring.run((rank, c) -> {
                for (int op = 0; op < 100; op++) {
                    float[] data = new float[op % 7];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = rank + op + i;
                    }
                    c.allReduce(data);
                    for (int i = 0; i < data.length; i++) {
                        assertThat(data[i]).isEqualTo(3f * (op + i) + 3);
                    }
                }
                return true;
            });
            assertThat(ok).containsOnly(true);
        }
    }

    @Test
    void verbsMixOnOneRing() {
        try (LocalRing ring = LocalRing.of(4)) {
            List<List<byte[]>> gathered = ring.run((rank, c) -> {
                float[] weights = rank == 2 ? new float[] {1, 2, 3} : new float[3];
                c.broadcast(weights, 2);
                assertThat(weights).containsExactly(1, 2, 3);
                c.allReduce(weights);
                assertThat(weights).containsExactly(4, 8, 12);
                return c.allGather(new byte[] {rank.byteValue()});
            });
            for (List<byte[]> g : gathered) {
                assertThat(g).satisfiesExactly(b -> assertThat(b).containsExactly((byte) 0),
                        b -> assertThat(b).containsExactly((byte) 1), b -> assertThat(b).containsExactly((byte) 2),
                        b -> assertThat(b).containsExactly((byte) 3));
            }
        }
    }

    @Test
    void aRingOfOneNeedsNoPeers() {
        RingListener listener = RingListener.open(InetAddress.getLoopbackAddress());
        try (RingCollectives alone = listener.connect(0, List.of(listener.address()), LocalRing.SECRET,
                LocalRing.options())) {
            float[] data = {1, 2};
            alone.allReduce(data);
            alone.broadcast(data, 0);
            assertThat(data).containsExactly(1, 2);
            byte[] mine = {7};
            List<byte[]> gathered = alone.allGather(mine);
            assertThat(gathered).hasSize(1);
            assertThat(gathered.get(0)).containsExactly((byte) 7).isNotSameAs(mine);
            assertThat(alone.rank()).isZero();
            assertThat(alone.size()).isOne();
        }
    }

    @Test
    void aBroadcastRootOutOfRangeIsTheCallersMistake() {
        try (LocalRing ring = LocalRing.of(2)) {
            assertThatThrownBy(() -> ring.workers.get(0).broadcast(new float[1], 2))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aListenerJoinsOneRingOnly() {
        RingListener listener = RingListener.open(InetAddress.getLoopbackAddress());
        listener.connect(0, List.of(listener.address()), LocalRing.SECRET, LocalRing.options()).close();
        assertThatThrownBy(() -> listener.connect(0, List.of(listener.address()), LocalRing.SECRET,
                LocalRing.options())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void optionsAreChecked() {
        RingOptions defaults = RingOptions.forJob("job");
        assertThat(defaults.connectTimeout()).hasSeconds(60);
        assertThat(defaults.operationTimeout()).hasSeconds(120);
        assertThatThrownBy(() -> defaults.withChunkBytes(6)).hasMessageContaining("multiple of 4");
        assertThatThrownBy(() -> defaults.withChunkBytes(RingOptions.MAX_CHUNK_BYTES + 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withOperationTimeout(java.time.Duration.ZERO))
                .hasMessageContaining("operationTimeout");
        assertThatThrownBy(() -> RingOptions.forJob("x".repeat(257))).hasMessageContaining("256 bytes");
    }
}
