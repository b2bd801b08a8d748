package dev.gantry.training.tensorboard;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two kinds of TensorFlow {@code Event} protobuf messages Gantry writes, encoded with
 * protobuf's own wire-format writer (TensorFlow's generated classes live only in the TensorFlow
 * backend, and training core must not need them). Field numbers from tensorflow/core/util/event.proto
 * and framework/summary.proto.
 */
final class EventEncoding {
    /** The version TensorBoard expects in a file's first event. */
    static final String FILE_VERSION = "brain.Event:2";

    private static final int EVENT_WALL_TIME = 1;
    private static final int EVENT_STEP = 2;
    private static final int EVENT_FILE_VERSION = 3;
    private static final int EVENT_SUMMARY = 5;
    private static final int SUMMARY_VALUE = 1;
    private static final int VALUE_TAG = 1;
    private static final int VALUE_SIMPLE_VALUE = 2;

    private EventEncoding() {}

    /** {@code Event{wall_time, file_version}}: what a TensorBoard event file starts with. */
    static byte[] fileVersion(double wallTime) {
        return encode(out -> {
            out.writeDouble(EVENT_WALL_TIME, wallTime);
            out.writeString(EVENT_FILE_VERSION, FILE_VERSION);
        });
    }

    /** {@code Event{wall_time, step, summary{value{tag, simple_value}}}}: one point of a scalar plot. */
    static byte[] scalar(double wallTime, long step, String tag, float value) {
        byte[] summaryValue = encode(out -> {
            out.writeString(VALUE_TAG, tag);
            out.writeFloat(VALUE_SIMPLE_VALUE, value);
        });
        byte[] summary = encode(out -> out.writeByteArray(SUMMARY_VALUE, summaryValue));
        return encode(out -> {
            out.writeDouble(EVENT_WALL_TIME, wallTime);
            out.writeInt64(EVENT_STEP, step);
            out.writeByteArray(EVENT_SUMMARY, summary);
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to take bytes", e);
        }
        return bytes.toByteArray();
    }
}
