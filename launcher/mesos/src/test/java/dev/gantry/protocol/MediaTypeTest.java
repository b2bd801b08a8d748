package dev.gantry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class MediaTypeTest {
    @Test
    void contentTypeIgnoresParametersAndCase() {
        assertThat(MediaType.fromContentType("application/json; charset=utf-8")).hasValue(MediaType.JSON);
        assertThat(MediaType.fromContentType("Application/X-Protobuf")).hasValue(MediaType.PROTOBUF);
        assertThat(MediaType.fromContentType("text/plain")).isEmpty();
        assertThat(MediaType.fromContentType(null)).isEmpty();
    }

    @Test
    void acceptPrefersJsonWhenBothWorkAndHonoursZeroQuality() {
        assertThat(MediaType.fromAccept("application/x-protobuf")).hasValue(MediaType.PROTOBUF);
        assertThat(MediaType.fromAccept("*/*")).hasValue(MediaType.JSON);
        assertThat(MediaType.fromAccept(null)).hasValue(MediaType.JSON);
        assertThat(MediaType.fromAccept("application/json;q=0, application/x-protobuf")).hasValue(MediaType.PROTOBUF);
        assertThat(MediaType.fromAccept("text/html")).isEmpty();
    }

    @Test
    void anUnknownValueOfAnOptionalEnumLeavesTheFieldUnsetAndKeepsTheEvent() {
        String json = "{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t-1\"},"
                + "\"state\":\"TASK_RUNNING\",\"reason\":\"REASON_FROM_A_NEWER_MESOS\",\"source\":\"SOURCE_NEW\","
                + "\"message\":\"still here\"}}}";

        Event event = MediaType.JSON.decode(bytes(json), Event.newBuilder());

        TaskStatus status = event.getUpdate().getStatus();
        assertThat(status.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(status.hasReason()).isFalse();
        assertThat(status.hasSource()).isFalse();
        assertThat(status.getMessage()).isEqualTo("still here");
    }

    @Test
    void anUnknownEventTypeOrOperationTypeIsLeftUnsetNotFatal() {
        Event event = MediaType.JSON.decode(bytes("{\"type\":\"SOMETHING_NEW\",\"heartbeat\":{}}"), Event.newBuilder());
        assertThat(event.hasType()).isFalse();

        Call accept = MediaType.JSON.decode(bytes("{\"type\":\"ACCEPT\",\"accept\":{\"offer_ids\":[],"
                + "\"operations\":[{\"type\":\"GROW_VOLUME_TWICE\"},{\"type\":\"LAUNCH\",\"launch\":{}}]}}"),
                Call.newBuilder());
        assertThat(accept.getAccept().getOperationsList()).extracting(Offer.Operation::hasType)
                .containsExactly(false, true);
        assertThat(accept.getAccept().getOperations(1).getType()).isEqualTo(Offer.Operation.Type.LAUNCH);
    }

    @Test
    void anUnknownValueOfARequiredEnumAndMalformedJsonAreStillRejected() {
        // Mesos refuses these too: without its required state the status is incomplete.
        assertThatThrownBy(() -> MediaType.JSON.decode(bytes("{\"type\":\"UPDATE\",\"update\":{\"status\":"
                + "{\"task_id\":{\"value\":\"t-1\"},\"state\":\"TASK_FROM_THE_FUTURE\"}}}"), Event.newBuilder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("update.status.state").hasMessageContaining("TASK_FROM_THE_FUTURE");
        assertThatThrownBy(() -> MediaType.JSON.decode(bytes("{\"type\":\"HEARTBEAT\""), Event.newBuilder()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> MediaType.JSON.decode(bytes("{\"type\":7}"), Event.newBuilder()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'type'");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
