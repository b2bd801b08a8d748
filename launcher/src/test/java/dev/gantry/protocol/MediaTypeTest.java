package dev.gantry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

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
}
