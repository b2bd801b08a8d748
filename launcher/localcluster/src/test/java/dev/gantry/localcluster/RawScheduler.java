package dev.gantry.localcluster;

import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A scheduler speaking raw HTTP to the embedded master, for tests of the master's own wire
 * behaviour (status codes, headers, streams). It decodes every event into a queue.
 */
final class RawScheduler implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final URI endpoint;
    final MediaType type;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> backlog = new ArrayList<>();
    String streamId;
    FrameworkID frameworkId;
    private InputStream stream;
    private Thread reader;
    /** An HTTP Basic {@code Authorization} value sent with every request, for a master that authenticates frameworks. */
    private String authorization;

    RawScheduler(URI master, MediaType type) {
        this.endpoint = master.resolve("/api/v1/scheduler");
        this.type = type;
    }

    /** Sends these credentials with every request from now on. */
    RawScheduler authenticate(String principal, String secret) {
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (principal + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Content-Type", type.value());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    static FrameworkInfo.Builder framework(String name, boolean gpus) {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("tester").setName(name)
                .addRoles("*")
                .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE));
        if (gpus) {
            info.addCapabilities(FrameworkInfo.Capability.newBuilder()
                    .setType(FrameworkInfo.Capability.Type.GPU_RESOURCES));
        }
        return info;
    }

    /** Subscribes and waits for SUBSCRIBED. */
    Event.Subscribed subscribe(FrameworkInfo info) throws Exception {
        return subscribeWith(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    }

    Event.Subscribed subscribeWith(Call.Subscribe.Builder subscribe) throws Exception {
        FrameworkInfo info = subscribe.getFrameworkInfo();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(subscribe);
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        HttpResponse<InputStream> response = HTTP.send(request().header("Accept", type.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(type.encode(call.build()))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SUBSCRIBE answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        stream = response.body();
        reader = new Thread(() -> {
            RecordIo.Reader records = new RecordIo.Reader(stream);
            try {
                byte[] record;
                while ((record = records.next()) != null) {
                    events.add(type.decode(record, Event.newBuilder()));
                }
            } catch (IOException e) {
                // The stream ended; tests look at what arrived.
            }
        }, "raw-scheduler-reader");
        reader.setDaemon(true);
        reader.start();
        Event first = next(Duration.ofSeconds(10), e -> true);
        if (first.getType() != Event.Type.SUBSCRIBED) {
            throw new IllegalStateException("expected SUBSCRIBED, got " + first);
        }
        frameworkId = first.getSubscribed().getFrameworkId();
        return first.getSubscribed();
    }

    /** Sends a call with this scheduler's framework id and stream id. */
    HttpResponse<String> call(Call.Builder call) throws Exception {
        return send(call.setFrameworkId(frameworkId).build(), streamId);
    }

    HttpResponse<String> send(Call call, String streamIdHeader) throws Exception {
        HttpRequest.Builder request = request().POST(HttpRequest.BodyPublishers.ofByteArray(type.encode(call)));
        if (streamIdHeader != null) {
            request.header("Mesos-Stream-Id", streamIdHeader);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The next event matching {@code wanted}; events that do not match stay queued for later
     * calls, so waiting for one kind never loses another. Fails after {@code timeout}.
     */
    synchronized Event next(Duration timeout, Predicate<Event> wanted) throws InterruptedException {
        for (java.util.Iterator<Event> it = backlog.iterator(); it.hasNext(); ) {
            Event event = it.next();
            if (wanted.test(event)) {
                it.remove();
                return event;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout);
            }
            if (wanted.test(event)) {
                return event;
            }
            if (event.getType() != Event.Type.HEARTBEAT) {
                backlog.add(event);
            }
        }
    }

    /** Whether an event of this type has arrived and not been taken yet. */
    synchronized boolean received(Event.Type type) {
        events.drainTo(backlog);
        return backlog.stream().anyMatch(e -> e.getType() == type);
    }

    /** Whether an event matching {@code wanted} has arrived and not been taken yet. */
    synchronized boolean anyReceived(Predicate<Event> wanted) {
        events.drainTo(backlog);
        return backlog.stream().anyMatch(wanted);
    }

    Event next(Event.Type type) throws InterruptedException {
        return next(Duration.ofSeconds(10), e -> e.getType() == type);
    }

    List<Offer> offers() throws InterruptedException {
        return new ArrayList<>(next(Event.Type.OFFERS).getOffers().getOffersList());
    }

    TaskStatus update(String taskId, org.apache.mesos.v1.Protos.TaskState state) throws InterruptedException {
        return next(Duration.ofSeconds(20), e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getState() == state).getUpdate().getStatus();
    }

    /**
     * Follows a task's updates, acknowledging each as a scheduler must before the next is sent,
     * until one in {@code state} arrives; returns it (acknowledged too).
     */
    TaskStatus ackUntil(String taskId, org.apache.mesos.v1.Protos.TaskState state) throws Exception {
        while (true) {
            TaskStatus status = next(Duration.ofSeconds(20), e -> e.getType() == Event.Type.UPDATE
                    && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)).getUpdate().getStatus();
            if (status.hasUuid()) {
                acknowledge(status);
            }
            if (status.getState() == state) {
                return status;
            }
        }
    }

    /** Runs {@code sleep 60} on one CPU of the first offer, as task {@code taskId}, until it is TASK_RUNNING. */
    void runSleeper(String taskId) throws Exception {
        Offer offer = offers().get(0);
        call(TaskInfos.launch(offer, TaskInfos.shell(taskId, offer.getAgentId(), "sleep 60", 1, 64, 0, "*")));
        ackUntil(taskId, org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
    }

    /** Whether the master ended the event stream within {@code timeout}. */
    boolean streamEnded(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    /** Acknowledges an update that carries a uuid. */
    void acknowledge(TaskStatus status) throws Exception {
        HttpResponse<String> response = call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE)
                .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
                        .setTaskId(status.getTaskId()).setUuid(status.getUuid())));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("ACKNOWLEDGE answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }
}
