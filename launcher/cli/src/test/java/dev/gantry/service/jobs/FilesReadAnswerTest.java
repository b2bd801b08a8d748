package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FilesReadAnswerTest {
    private static byte[] answer(byte[] escapedData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"data\":\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(escapedData);
        out.writeBytes("\",\"offset\":0}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void escapesBecomeTheirBytesAndRawBytesStayRaw() {
        byte[] escaped = {'a', '\\', 'n', '\\', '"', '\\', '\\', '\\', 't', '\\', 'u', '0', '0', '1', 'B', (byte) 0xff,
                (byte) 0xc3, (byte) 0xa9, '/'};
        assertThat(FilesReadAnswer.data(answer(escaped)))
                .containsExactly('a', '\n', '"', '\\', '\t', 0x1b, (byte) 0xff, (byte) 0xc3, (byte) 0xa9, '/');
    }

    @Test
    void anEmptyReadIsEmpty() {
        assertThat(FilesReadAnswer.data("{\"data\": \"\", \"offset\": 120}".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }

    @Test
    void aBrokenAnswerIsRefused() {
        assertThatThrownBy(() -> FilesReadAnswer.data("{\"offset\":0}".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no \"data\"");
        assertThatThrownBy(() -> FilesReadAnswer.data("{\"data\":\"abc".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("does not end");
    }
}
