package dev.gantry.training.tensorflow;

import dev.gantry.training.backend.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The checkpoint stream: a header naming the optimizer and the two sizes, then the parameters and
 * the optimizer's state as big-endian floats. Floats are written bit for bit, so training that
 * continues from a checkpoint repeats exactly what the original replica would have done.
 */
final class Checkpoints {
    private static final int MAGIC = 0x47544631; // "GTF1"
    private static final int CHUNK = 1 << 14;

    /** What a checkpoint holds. */
    record State(float[] parameters, float[] optimizerState) {}

    private Checkpoints() {}

    static void write(OutputStream stream, Optimizer optimizer, State state) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeUTF(optimizer.name());
        out.writeLong(state.parameters().length);
        out.writeLong(state.optimizerState().length);
        writeFloats(out, state.parameters());
        writeFloats(out, state.optimizerState());
        // Flush but never close: the caller owns the stream and may write more after us.
        out.flush();
    }

    /**
     * Reads a checkpoint written by a replica of the same model and optimizer.
     *
     * @throws IllegalArgumentException when it was written for another optimizer or model size
     * @throws IOException when the stream is no Gantry TensorFlow checkpoint or ends early
     */
    static State read(InputStream stream, Optimizer optimizer, long parameters, long optimizerState) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Gantry TensorFlow checkpoint (bad magic number)");
        }
        String written = in.readUTF();
        if (!written.equals(optimizer.name())) {
            throw new IllegalArgumentException("checkpoint was written with optimizer " + written
                    + ", this replica uses training.optimizer " + optimizer);
        }
        long writtenParameters = in.readLong();
        long writtenState = in.readLong();
        if (writtenParameters != parameters || writtenState != optimizerState) {
            throw new IllegalArgumentException("checkpoint holds " + writtenParameters + " parameters and "
                    + writtenState + " optimizer values, this model has " + parameters + " and " + optimizerState);
        }
        return new State(readFloats(in, Math.toIntExact(parameters)), readFloats(in, Math.toIntExact(optimizerState)));
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * Math.min(values.length, CHUNK));
        for (int start = 0; start < values.length; start += CHUNK) {
            int n = Math.min(CHUNK, values.length - start);
            bytes.clear();
            bytes.asFloatBuffer().put(values, start, n);
            out.write(bytes.array(), 0, n * Float.BYTES);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        byte[] bytes = new byte[Float.BYTES * Math.min(count, CHUNK)];
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            in.readFully(bytes, 0, n * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, start, n);
        }
        return values;
    }
}
