package dev.gantry.mesos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.InverseOffer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Records every callback as a line such as {@code "offers o-1,o-2"}, in the order they came, with the thread. */
final class RecordingListener implements SchedulerListener {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    private synchronized void record(String line) {
        all.add(line);
        threads.add(Thread.currentThread());
        lines.add(line);
    }

    /** Every line so far. */
    synchronized List<String> all() {
        return List.copyOf(all);
    }

    /** The next line not yet taken, waiting up to {@code timeout}. */
    String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no listener callback within " + timeout + "; so far: " + all());
        }
        return line;
    }

    /** Skips lines until one starts with {@code prefix}, and returns it. */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no '" + prefix + "' callback within " + timeout + "; so far: " + all());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Override
    public void subscribed(FrameworkID frameworkId, Event.Subscribed subscribed) {
        record("subscribed " + frameworkId.getValue());
    }

    @Override
    public void offers(List<Offer> offers) {
        record("offers " + String.join(",", offers.stream().map(o -> o.getId().getValue()).toList()));
    }

    @Override
    public void inverseOffers(List<InverseOffer> inverseOffers) {
        record("inverseOffers " + String.join(",", inverseOffers.stream().map(o -> o.getId().getValue()).toList()));
    }

    @Override
    public void rescind(OfferID offerId) {
        record("rescind " + offerId.getValue());
    }

    @Override
    public void rescindInverseOffer(OfferID inverseOfferId) {
        record("rescindInverseOffer " + inverseOfferId.getValue());
    }

    @Override
    public void update(TaskStatus status) {
        record("update " + status.getTaskId().getValue() + " " + status.getState());
    }

    @Override
    public void operationStatus(OperationStatus status) {
        record("operationStatus " + status.getOperationId().getValue() + " " + status.getState());
    }

    @Override
    public void message(AgentID agentId, ExecutorID executorId, byte[] data) {
        record("message " + agentId.getValue() + " " + executorId.getValue() + " "
                + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void failure(Event.Failure failure) {
        record("failure " + failure.getAgentId().getValue());
    }

    @Override
    public void error(String message) {
        record("error " + message);
    }

    @Override
    public void heartbeat() {
        record("heartbeat");
    }

    @Override
    public void disconnected(String reason) {
        record("disconnected " + reason);
    }

    @Override
    public void stopped(String reason) {
        record("stopped " + reason);
    }
}
