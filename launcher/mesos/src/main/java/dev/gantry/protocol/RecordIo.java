package dev.gantry.protocol;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * RecordIO, the framing of Mesos event streams: each record is its length in decimal ASCII, a
 * line feed, then that many bytes.
 */
public final class RecordIo {

    /** Largest record a reader accepts unless told otherwise: far above any real event. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

    private RecordIo() {}

    /** One framed record. */
    public static byte[] frame(byte[] record) {
        byte[] prefix = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + record.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(record, 0, framed, prefix.length, record.length);
        return framed;
    }

    /**
     * Reads records from a stream. The length prefix is bounded, so a broken or hostile peer
     * cannot make the reader allocate without limit. Not thread-safe.
     */
    public static final class Reader {
        // 64 MiB has 8 digits; anything much longer is not a length.
        private static final int MAX_PREFIX_DIGITS = 19;

        private final InputStream in;
        private final int maxRecordBytes;

        public Reader(InputStream in, int maxRecordBytes) {
            if (maxRecordBytes <= 0) {
                throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
            }
            this.in = in;
            this.maxRecordBytes = maxRecordBytes;
        }

        public Reader(InputStream in) {
            this(in, DEFAULT_MAX_RECORD_BYTES);
        }

        /**
         * The next record, or {@code null} at a clean end of stream (between records).
         *
         * @throws RecordIoException on a malformed or oversized length prefix
         * @throws EOFException when the stream ends inside a record
         */
        public byte[] next() throws IOException {
            long length = 0;
            int digits = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (digits == 0) {
                        return null;
                    }
                    throw new EOFException("stream ended inside a RecordIO length prefix");
                }
                if (b == '\n') {
                    if (digits == 0) {
                        throw new RecordIoException("empty RecordIO length prefix");
                    }
                    break;
                }
                if (b < '0' || b > '9') {
                    throw new RecordIoException("unexpected byte 0x" + Integer.toHexString(b)
                            + " in a RecordIO length prefix");
                }
                if (++digits > MAX_PREFIX_DIGITS) {
                    throw new RecordIoException("RecordIO length prefix is too long");
                }
                length = length * 10 + (b - '0');
                if (length > maxRecordBytes) {
                    throw new RecordIoException("RecordIO record of at least " + length
                            + " bytes exceeds the limit of " + maxRecordBytes);
                }
            }
            return readFully((int) length);
        }

        private byte[] readFully(int length) throws IOException {
            // Grow as bytes arrive rather than trusting the prefix with one big allocation.
            ByteArrayOutputStream record = new ByteArrayOutputStream(Math.min(length, 64 * 1024));
            byte[] buffer = new byte[Math.min(Math.max(length, 1), 64 * 1024)];
            int remaining = length;
            while (remaining > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new EOFException("stream ended " + remaining + " bytes before the end of a RecordIO record");
                }
                record.write(buffer, 0, n);
                remaining -= n;
            }
            return record.toByteArray();
        }
    }
}
