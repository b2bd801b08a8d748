package dev.gantry.training.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.training.worker.EpochMetrics;
import dev.gantry.training.worker.ProgressSink;
import dev.gantry.training.worker.StepLosses;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressChannelTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<StepLosses> batches = new CopyOnWriteArrayList<>();
    private final ProgressSink sink = new ProgressSink() {
        @Override
        public void step(int epoch, long step, long totalSteps, double loss, double samplesPerSecond) {
            seen.add("step " + step + "/" + totalSteps + " loss " + loss);
        }

        @Override
        public void losses(StepLosses batch) {
            batches.add(batch);
        }

        @Override
        public void epoch(EpochMetrics metrics) {
            seen.add("epoch " + metrics.epoch() + " accuracy " + metrics.accuracy());
        }

        @Override
        public void note(String line) {
            seen.add(line);
        }
    };

    @Test
    void workerProgressReachesTheDriver() throws Exception {
        byte[] secret = "s3cret-of-this-job-32-bytes-long".getBytes(StandardCharsets.US_ASCII);
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), secret, sink);
             ProgressClient client = new ProgressClient(server.address(), secret)) {
            client.note("resuming from step 5");
            client.step(0, 10, 10, 0.25, 100);
            client.epoch(new EpochMetrics(1, 10, 0.3, Double.NaN, Double.NaN, 100, 1));
            awaitSize(3);
        }
        assertThat(seen).containsExactly("resuming from step 5", "step 10/10 loss 0.25", "epoch 1 accuracy NaN");
    }

    @Test
    void everyStepsLossReachesTheDriverInBoundedBatchesThatTheDisplaySeesOnceEach() throws Exception {
        byte[] secret = {3, 1, 4};
        int steps = 2 * ProgressClient.MAX_LOSSES + 500;
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), secret, sink)) {
            try (ProgressClient client = new ProgressClient(server.address(), secret)) {
                for (int step = 1; step <= steps; step++) {
                    client.step(0, step, steps + 10, step / 3.0, 100);
                }
                client.epoch(new EpochMetrics(1, steps, 0.3, Double.NaN, Double.NaN, 100, 1));
                client.step(1, steps + 1, steps + 10, 0.125, 100);
            }
            server.drain(java.time.Duration.ofSeconds(30));
        }
        List<Float> losses = new java.util.ArrayList<>();
        long next = 1;
        for (StepLosses batch : batches) {
            assertThat(batch.firstStep()).isEqualTo(next);
            assertThat(batch.losses().length).isBetween(1, ProgressClient.MAX_LOSSES);
            for (float loss : batch.losses()) {
                losses.add(loss);
            }
            next = batch.lastStep() + 1;
        }
        assertThat(losses).hasSize(steps + 1);
        for (int step = 1; step <= steps; step++) {
            assertThat(losses.get(step - 1)).isEqualTo((float) (step / 3.0));
        }
        assertThat(losses.get(steps)).as("sent when the client closed").isEqualTo(0.125f);
        assertThat(seen).filteredOn(line -> line.startsWith("step ")).hasSize(batches.size());
        assertThat(seen.get(seen.size() - 2)).as("steps before the epoch that ends them")
                .isEqualTo("epoch 1 accuracy NaN");
    }

    @Test
    void aClientWithoutTheSecretIsIgnored() throws Exception {
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), new byte[] {1, 2, 3}, sink);
             ProgressClient stranger = new ProgressClient(server.address(), new byte[] {9, 9, 9})) {
            stranger.note("forged");
            TimeUnit.MILLISECONDS.sleep(300);
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void anEndlessLineIsCutOffAndTheServerKeepsServing() throws Exception {
        byte[] secret = {4, 5, 6};
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), secret, sink)) {
            try (Socket raw = new Socket(server.address().getAddress(), server.address().getPort())) {
                OutputStream out = raw.getOutputStream();
                out.write((ProgressToken.of(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
                byte[] junk = new byte[ProgressServer.MAX_LINE * 2];
                java.util.Arrays.fill(junk, (byte) 'x');
                try {
                    out.write(junk);
                } catch (java.io.IOException closedByServer) {
                    // the server hung up, as it should
                }
            }
            try (ProgressClient client = new ProgressClient(server.address(), secret)) {
                client.note("still here");
                awaitSize(1);
            }
        }
        assertThat(seen).containsExactly("still here");
    }

    @Test
    void aStopRequestReachesWorkerZeroWhetherItConnectedBeforeOrAfter() throws Exception {
        byte[] secret = {7, 8, 9};
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), secret, sink);
             ProgressClient before = new ProgressClient(server.address(), secret)) {
            before.note("connected");
            awaitSize(1);
            assertThat(before.stopRequested()).isFalse();

            server.requestStop();
            await(before::stopRequested);
            try (ProgressClient after = new ProgressClient(server.address(), secret)) {
                await(after::stopRequested);
            }
        }
    }

    @Test
    void aClientWithoutTheSecretHearsNoStop() throws Exception {
        try (ProgressServer server = new ProgressServer(InetAddress.getLoopbackAddress(), new byte[] {1}, sink);
             ProgressClient stranger = new ProgressClient(server.address(), new byte[] {2});
             ProgressClient member = new ProgressClient(server.address(), new byte[] {1})) {
            server.requestStop();
            await(member::stopRequested);
            assertThat(stranger.stopRequested()).isFalse();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private void awaitSize(int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < size && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
