package dev.gantry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.mesos.protobuf.Message;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixtureConformanceTest {

    static Stream<Path> calls() {
        return Fixtures.calls().stream();
    }

    static Stream<Path> events() {
        return Fixtures.events().stream();
    }

    @Test
    void everyFixtureIsCovered() throws IOException {
        long json;
        try (Stream<Path> files = Files.list(Fixtures.directory())) {
            json = files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("CHANGES.json")).count();
        }
        assertThat(Fixtures.calls().size() + Fixtures.events().size()).isEqualTo(json).isGreaterThanOrEqualTo(25);
    }

    @Test
    void copyMatchesTheSharedConformanceData() throws IOException {
        // CI runs with the project's shared/ beside the checkout; a bare clone has only the copy.
        Path shared = Path.of("..", "..", "..", "shared", "fixtures", "mesos-v1-scheduler");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "no shared/ beside the checkout");
        try (Stream<Path> files = Files.list(shared)) {
            for (Path original : (Iterable<Path>) files::iterator) {
                Path copy = Fixtures.directory().resolve(original.getFileName().toString());
                assertThat(copy).as("copy of %s", original).exists();
                assertThat(Files.readString(copy)).as("copy of %s", original).isEqualTo(Files.readString(original));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void callFixtureParsesStrictlyAndRoundTrips(Path file) {
        Call call = MesosJson.parse(Fixtures.read(file), Call.newBuilder(), MesosJson.UnknownFields.REJECT);
        assertThat(call.hasType()).isTrue();
        assertThat(file.getFileName().toString()).startsWith(expectedPrefix(call.getType().name()));
        assertRoundTrips(call, Call.newBuilder(), Call.newBuilder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void eventFixtureParsesStrictlyAndRoundTrips(Path file) {
        Event event = MesosJson.parse(Fixtures.read(file), Event.newBuilder(), MesosJson.UnknownFields.REJECT);
        assertThat(event.hasType()).isTrue();
        assertRoundTrips(event, Event.newBuilder(), Event.newBuilder());
    }

    @Test
    void offersNestTwiceAndBytesAreBase64() {
        Event offers = parseEvent("offers_event.json");
        assertThat(offers.getOffers().getOffersList()).hasSize(1);
        assertThat(offers.getOffers().getOffers(0).getResources(0).getScalar().getValue()).isEqualTo(2.0);

        Event update = parseEvent("update_event.json");
        assertThat(update.getUpdate().getStatus().getUuid().size()).isEqualTo(18);
        assertThat(update.getUpdate().getStatus().getState().name()).isEqualTo("TASK_RUNNING");
    }

    @Test
    void infinityAsAStringIsADouble() {
        Call accept = MesosJson.parse(Fixtures.read(Fixtures.directory().resolve("accept_request.json")),
                Call.newBuilder(), MesosJson.UnknownFields.REJECT);
        var limits = accept.getAccept().getOperations(0).getLaunch().getTaskInfos(0).getLimitsMap();
        assertThat(limits.get("cpus").getValue()).isInfinite();
        assertThat(limits.get("mem").getValue()).isEqualTo(512.0);
        assertThat(MesosJson.print(accept)).contains("\"cpus\":{\"value\":\"Infinity\"}");
    }

    @Test
    void strictParseNamesTheUnknownField() {
        String typo = "{\"type\":\"REVIVE\",\"framework_id\":{\"value\":\"f\"},\"revive\":{\"role\":\"r\"}}";
        assertThatThrownBy(() -> MesosJson.parse(typo, Call.newBuilder(), MesosJson.UnknownFields.REJECT))
                .isInstanceOf(MesosJsonException.class)
                .hasMessageContaining("'revive.role'");
        Call lenient = MesosJson.parse(typo, Call.newBuilder(), MesosJson.UnknownFields.IGNORE);
        assertThat(lenient.getRevive().getRolesList()).isEmpty();
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThatThrownBy(() -> MesosJson.parse("{\"type\":\"KILL\",\"kill\":{}}", Call.newBuilder(),
                MesosJson.UnknownFields.IGNORE))
                .isInstanceOf(MesosJsonException.class)
                .hasMessageContaining("kill.task_id");
    }

    @Test
    void wrongTypesAreNamedWithTheirPath() {
        assertThatThrownBy(() -> MesosJson.parse("{\"type\":\"SUPPRESS\",\"suppress\":{\"roles\":\"a\"}}",
                Call.newBuilder(), MesosJson.UnknownFields.IGNORE))
                .hasMessageContaining("'suppress.roles': expected an array");
        assertThatThrownBy(() -> MesosJson.parse("{\"type\":\"LAUNCH_ALL\"}", Call.newBuilder(),
                MesosJson.UnknownFields.REJECT))
                .hasMessageContaining("'type'").hasMessageContaining("LAUNCH_ALL");
        assertThatThrownBy(() -> MesosJson.parse("{\"type\":\"SUBSCRIBE\"", Call.newBuilder(),
                MesosJson.UnknownFields.IGNORE))
                .hasMessageStartingWith("malformed JSON");
    }

    private static Event parseEvent(String name) {
        return MesosJson.parse(Fixtures.read(Fixtures.directory().resolve(name)), Event.newBuilder(),
                MesosJson.UnknownFields.REJECT);
    }

    private static void assertRoundTrips(Message message, Message.Builder viaJson, Message.Builder viaProtobuf) {
        Message fromJson = MediaType.JSON.decode(MediaType.JSON.encode(message), viaJson);
        assertThat(fromJson).isEqualTo(message);
        Message fromProtobuf = MediaType.PROTOBUF.decode(MediaType.PROTOBUF.encode(message), viaProtobuf);
        assertThat(fromProtobuf).isEqualTo(message);
    }

    private static String expectedPrefix(String type) {
        return type.equals("SUBSCRIBE") ? "" : type.toLowerCase();
    }
}
