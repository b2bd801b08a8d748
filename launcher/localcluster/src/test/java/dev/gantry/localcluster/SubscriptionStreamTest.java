package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.MesosJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription stream on the wire, read from a raw socket as a plain HTTP client sees it. */
class SubscriptionStreamTest {
    private LocalCluster cluster;

    @BeforeEach
    void start() throws Exception {
        AgentSpec.Builder agent = AgentSpec.builder().cpus(1).memMb(256);
        // Enough attributes that one OFFERS event is larger than the 4 KiB a buffering writer chunks by.
        for (int i = 0; i < 60; i++) {
            agent.attribute("attribute_" + i, "value-" + "x".repeat(80));
        }
        cluster = LocalCluster.start(ClusterSpec.builder().agent(agent.build())
                // Heartbeats an hour apart: nothing but the closed connection can tell the master.
                .heartbeatInterval(java.time.Duration.ofHours(1)).build());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /**
     * A real master writes every event as its own chunk (e.g. {@code 1c7\r\n451\n{"type":"SUBSCRIBED"...}}),
     * and clients that read chunk by chunk rely on it. Twenty updates answering one RECONCILE are
     * queued at once, which is when a buffering writer would put several in one chunk or split one.
     */
    @Test
    void everyEventIsItsOwnChunk() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cluster.port())) {
            socket.setSoTimeout(10_000);
            Stream stream = Stream.subscribe(socket);
            Event subscribed = stream.nextEvent();
            assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
            FrameworkID id = subscribed.getSubscribed().getFrameworkId();
            Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
            for (int i = 0; i < 20; i++) {
                reconcile.addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("unknown-" + i)));
            }
            RawScheduler caller = new RawScheduler(cluster.uri(), MediaType.JSON);
            assertThat(caller.send(Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(id)
                    .setReconcile(reconcile).build(), stream.streamId).statusCode()).isEqualTo(202);
            int updates = 0;
            while (updates < 20) {
                if (stream.nextEvent().getType() == Event.Type.UPDATE) {
                    updates++;
                }
            }
        }
    }

    /** An event larger than any write buffer still travels as one chunk. */
    @Test
    void aLargeEventIsOneChunk() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cluster.port())) {
            socket.setSoTimeout(10_000);
            Stream stream = Stream.subscribe(socket);
            Event event;
            do {
                event = stream.nextEvent();
            } while (event.getType() != Event.Type.OFFERS);
            assertThat(event.getOffers().getOffers(0).getAttributesCount()).isEqualTo(60);
            assertThat(stream.lastChunkSize).isGreaterThan(4096);
        }
    }

    /**
     * A real master notices a subscriber's closed connection at once (libprocess sees the socket's
     * end): the framework is disconnected, its offers are recovered and go to the next framework,
     * long before any missed heartbeat could tell.
     */
    @Test
    void aClosedConnectionDisconnectsTheFrameworkAtOnce() throws Exception {
        Socket socket = new Socket("127.0.0.1", cluster.port());
        socket.setSoTimeout(10_000);
        Stream holder = Stream.subscribe(socket);
        while (holder.nextEvent().getType() != Event.Type.OFFERS) {
            // The holder now has the agent's every resource on offer.
        }
        try (RawScheduler next = new RawScheduler(cluster.uri(), MediaType.PROTOBUF)) {
            next.subscribe(RawScheduler.framework("next", false).build());
            socket.close();
            assertThat(next.offers()).hasSize(1);
            JsonNode holderState = null;
            for (JsonNode framework : cluster.state().json().path("frameworks")) {
                if (framework.path("name").asText().equals("chunks")) {
                    holderState = framework;
                }
            }
            // Disconnected, and within its failover timeout rather than removed.
            assertThat(holderState).isNotNull();
            assertThat(holderState.path("connected").asBoolean()).isFalse();
        }
    }

    /** Reads a chunked RecordIO event stream, insisting that each chunk holds exactly one record. */
    static final class Stream {
        final InputStream in;
        final String streamId;
        int lastChunkSize;

        private Stream(InputStream in, String streamId) {
            this.in = in;
            this.streamId = streamId;
        }

        static Stream subscribe(Socket socket) throws IOException {
            byte[] body = ("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"tester\","
                    + "\"name\":\"chunks\",\"failover_timeout\":60}}}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Accept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String streamId = null;
            String line;
            assertThat(line(in)).startsWith("HTTP/1.1 200");
            while (!(line = line(in)).isEmpty()) {
                // Spelled as a real master spells it; names are case-insensitive, but not to every client.
                if (line.startsWith("Mesos-Stream-Id:")) {
                    streamId = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return new Stream(in, streamId);
        }

        Event nextEvent() throws IOException {
            int size = Integer.parseInt(line(in).trim(), 16);
            assertThat(size).as("chunk size: the stream ended").isPositive();
            byte[] chunk = in.readNBytes(size);
            lastChunkSize = size;
            assertThat(line(in)).isEmpty();
            String text = new String(chunk, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            assertThat(newline).as("a RecordIO length starts the chunk").isPositive();
            int length = Integer.parseInt(text.substring(0, newline));
            assertThat(chunk.length).as("one whole record per chunk: " + text).isEqualTo(newline + 1 + length);
            return MesosJson.parse(text.substring(newline + 1), Event.newBuilder(), MesosJson.UnknownFields.IGNORE);
        }

        static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }
    }
}
