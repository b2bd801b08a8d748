package dev.gantry.training.dl4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A replica's training state as a stream: the step and epoch counters (Adam's bias correction
 * and DL4J's schedules read them), the flat parameters and the flat updater state. The
 * configuration is not written: the job's model spec rebuilds it, and a reader checks the sizes.
 */
final class Checkpoint {
    private static final int MAGIC = 0x47444C34; // "GDL4"
    private static final int VERSION = 1;
    private static final int CHUNK = 1 << 16;

    private Checkpoint() {}

    static void write(Network network, OutputStream out) throws IOException {
        // Not closed: the stream is the caller's.
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(network.iteration());
        data.writeInt(network.epoch());
        writeArray(data, network.parameters());
        writeArray(data, network.updater().getStateViewArray());
        data.flush();
    }

    static void read(Network network, InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Gantry DL4J checkpoint");
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new IOException("checkpoint version " + version + " is not " + VERSION);
        }
        int iteration = data.readInt();
        int epoch = data.readInt();
        float[] parameters = readArray(data, network.parameters(), "parameters");
        float[] state = readArray(data, network.updater().getStateViewArray(), "updater state");
        // Everything read and checked before anything changes: a bad stream leaves the replica as it was.
        HostCopy.write(parameters, network.parameters());
        if (state.length > 0) {
            HostCopy.write(state, network.updater().getStateViewArray());
        }
        network.iteration(iteration);
        network.epoch(epoch);
    }

    private static void writeArray(DataOutputStream data, INDArray array) throws IOException {
        float[] values = array == null ? new float[0] : HostCopy.toFloats(array);
        data.writeLong(values.length);
        ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(CHUNK, Math.max(values.length, 1))).order(ByteOrder.BIG_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK) {
            int count = Math.min(CHUNK, values.length - start);
            bytes.clear();
            bytes.asFloatBuffer().put(values, start, count);
            data.write(bytes.array(), 0, 4 * count);
        }
    }

    private static float[] readArray(DataInputStream data, INDArray expected, String what) throws IOException {
        long length = data.readLong();
        long want = expected == null ? 0 : expected.length();
        if (length != want) {
            throw new IOException("checkpoint has " + length + " " + what + ", this model has " + want);
        }
        float[] values = new float[Math.toIntExact(length)];
        byte[] bytes = new byte[4 * Math.min(CHUNK, Math.max(values.length, 1))];
        for (int start = 0; start < values.length; start += CHUNK) {
            int count = Math.min(CHUNK, values.length - start);
            data.readFully(bytes, 0, 4 * count);
            ByteBuffer.wrap(bytes, 0, 4 * count).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values, start, count);
        }
        return values;
    }
}
