package dev.gantry.training.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void aFileStartsWithItsVersionAndHoldsEachScalarInTfRecordFraming() throws Exception {
        double before = System.currentTimeMillis() / 1000.0;
        try (EventFile events = new EventFile(dir, warnings::add)) {
            events.scalar("loss", 1, 0.75f);
            events.scalar("loss", 2, Float.MIN_VALUE);
            events.scalar("validation/accuracy", 2, 0.5f);
        }

        List<Path> files = EventRecords.files(dir);
        assertThat(files).singleElement().satisfies(file -> assertThat(file.getFileName().toString())
                .matches("events\\.out\\.tfevents\\.\\d{10}\\.[A-Za-z0-9._-]+\\.\\d+"));
        List<ParsedEvent> events = new ArrayList<>();
        for (byte[] record : EventRecords.records(files.get(0))) {
            events.add(ParsedEvent.parse(record));
        }
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).scalars()).isEmpty();
        assertThat(events).allSatisfy(e -> assertThat(e.wallTime()).isBetween(before - 1, before + 600));
        assertThat(events.subList(1, events.size())).flatExtracting(ParsedEvent::scalars).containsExactly(
                new ParsedEvent.Scalar(1, "loss", 0.75f), new ParsedEvent.Scalar(2, "loss", Float.MIN_VALUE),
                new ParsedEvent.Scalar(2, "validation/accuracy", 0.5f));
        assertThat(warnings).isEmpty();
    }

    @Test
    void theMaskedCrcIsCrc32cRotatedAndOffsetAsTfRecordSpecifies() {
        // CRC-32C's published check value, then the framing of a 26-byte record's length.
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(EventRecords.crc32c(check)).isEqualTo(0xE3069283);
        int rotated = (0xE3069283 >>> 15) | (0xE3069283 << 17);
        assertThat(MaskedCrc32c.of(check, 0, check.length)).isEqualTo(rotated + 0xa282ead8);

        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(26).array();
        assertThat(MaskedCrc32c.of(length, 0, 8)).isEqualTo(EventRecords.maskedCrc32c(length));
    }

    @Test
    void aSecondWriterInTheSameDirectoryWritesAFileOfItsOwn() throws Exception {
        try (EventFile first = new EventFile(dir, warnings::add); EventFile second = new EventFile(dir, warnings::add)) {
            first.scalar("loss", 1, 1f);
            second.scalar("loss", 2, 2f);
        }
        assertThat(EventRecords.files(dir)).hasSize(2);
        assertThat(ParsedEvent.scalars(dir, "loss")).extracting(ParsedEvent.Scalar::value).containsExactlyInAnyOrder(1f, 2f);
    }

    @Test
    void nothingIsWrittenBeforeTheFirstScalarNorAfterClose() {
        Path events = dir.resolve("tensorboard");
        EventFile file = new EventFile(events, warnings::add);
        file.close();
        file.scalar("loss", 1, 1f);
        assertThat(events).doesNotExist();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aDirectoryThatCannotBeMadeIsToldOnceAndEndsWritingWithoutAFailure() throws Exception {
        Path taken = Files.writeString(dir.resolve("tensorboard"), "a file, not a directory");
        try (EventFile events = new EventFile(taken, warnings::add)) {
            events.scalar("loss", 1, 1f);
            events.flush();
            events.scalar("loss", 2, 1f);
        }
        assertThat(warnings).singleElement().asString()
                .startsWith("TensorBoard events stop here: cannot write to " + taken)
                .endsWith("; training goes on without them");
    }
}
