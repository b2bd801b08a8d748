package dev.gantry.training.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads TensorBoard event files by the TFRecord spec, independently of the writer: every record's
 * length and data must carry the masked CRC32C that a bit-by-bit CRC32C (not the JDK's) gives.
 */
public final class EventRecords {
    private static final int CASTAGNOLI_REFLECTED = 0x82F63B78;

    private EventRecords() {}

    /** The event files of {@code dir}, in the order TensorBoard reads them (by name). */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }

    /** Each record's data; fails the test at a record whose framing or checksums are wrong. */
    public static List<byte[]> records(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            assertThat(in.getInt()).as("masked CRC of record %d's length", records.size())
                    .isEqualTo(maskedCrc32c(length));
            byte[] data = new byte[Math.toIntExact(ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong())];
            in.get(data);
            assertThat(in.getInt()).as("masked CRC of record %d's data", records.size()).isEqualTo(maskedCrc32c(data));
            records.add(data);
        }
        return records;
    }

    /** The masked CRC32C by the TFRecord formula, over a CRC32C computed bit by bit. */
    public static int maskedCrc32c(byte[] data) {
        int crc = crc32c(data);
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ CASTAGNOLI_REFLECTED : crc >>> 1;
            }
        }
        return ~crc;
    }
}
