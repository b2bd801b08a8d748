package dev.gantry.training.tensorboard;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow {@code Event} read with protobuf's wire-format reader and the field numbers of
 * event.proto and summary.proto; only what Gantry writes. (The TensorFlow backend's tests parse
 * the same records with TensorFlow's own generated classes.)
 */
public record ParsedEvent(double wallTime, long step, String fileVersion, List<Scalar> scalars) {
    public record Scalar(long step, String tag, float value) {}

    public static ParsedEvent parse(byte[] record) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(record);
        double wallTime = 0;
        long step = 0;
        String fileVersion = "";
        List<byte[]> summaries = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> wallTime = in.readDouble();
                case 2 -> step = in.readInt64();
                case 3 -> fileVersion = in.readString();
                case 5 -> summaries.add(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        List<Scalar> scalars = new ArrayList<>();
        for (byte[] summary : summaries) {
            CodedInputStream values = CodedInputStream.newInstance(summary);
            for (int tag = values.readTag(); tag != 0; tag = values.readTag()) {
                if (tag >>> 3 == 1) {
                    scalars.add(scalar(step, values.readByteArray()));
                } else {
                    values.skipField(tag);
                }
            }
        }
        return new ParsedEvent(wallTime, step, fileVersion, scalars);
    }

    private static Scalar scalar(long step, byte[] value) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        String name = "";
        float simple = Float.NaN;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag >>> 3) {
                case 1 -> name = in.readString();
                case 2 -> simple = in.readFloat();
                default -> in.skipField(tag);
            }
        }
        return new Scalar(step, name, simple);
    }

    /** Every scalar with {@code tag} in the event files of {@code dir}, in file and then record order. */
    public static List<Scalar> scalars(Path dir, String tag) throws IOException {
        List<Scalar> found = new ArrayList<>();
        for (Path file : EventRecords.files(dir)) {
            for (byte[] record : EventRecords.records(file)) {
                parse(record).scalars().stream().filter(s -> s.tag().equals(tag)).forEach(found::add);
            }
        }
        return found;
    }
}
