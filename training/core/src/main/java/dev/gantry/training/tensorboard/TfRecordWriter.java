package dev.gantry.training.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TFRecord framing, the container of TensorBoard's event files: each record is its length
 * (uint64, little-endian), the masked CRC32C of those 8 bytes, the data, and the data's masked
 * CRC32C, so a reader can tell a torn last record (a live run's file) from a whole one.
 */
final class TfRecordWriter {
    private final OutputStream out;

    TfRecordWriter(OutputStream out) {
        this.out = out;
    }

    void write(byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(Long.BYTES + Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length).putInt(MaskedCrc32c.of(header.array(), 0, Long.BYTES));
        out.write(header.array());
        out.write(data);
        out.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MaskedCrc32c.of(data, 0, data.length)).array());
    }
}
