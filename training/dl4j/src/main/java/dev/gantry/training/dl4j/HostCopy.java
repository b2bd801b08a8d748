package dev.gantry.training.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves values between ND4J arrays and Java arrays in bulk. ND4J's own ways cost milliseconds a
 * step on a model of a few hundred thousand parameters: {@code toFloatVector} duplicates the array
 * and reads it one element at a time, {@code createFromArray} plus {@code assign} allocates and
 * registers a native buffer every time. On the CPU backend the array's host buffer is the array,
 * so a copy through it is a memcpy. Elsewhere (CUDA keeps device and host copies in sync itself)
 * and for arrays that are not one whole buffer, the ND4J way is taken.
 */
final class HostCopy {
    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    private HostCopy() {}

    /** The array's values in row-major order. */
    static float[] toFloats(INDArray array) {
        float[] values = new float[Math.toIntExact(array.length())];
        read(array, values);
        return values;
    }

    /** Copies the array's values, row-major, into the start of {@code into}. */
    static void read(INDArray array, float[] into) {
        int length = Math.toIntExact(array.length());
        if (isWholeBuffer(array)) {
            array.data().asNioFloat().get(into, 0, length);
        } else {
            float[] values = array.castTo(DataType.FLOAT).reshape('c', new long[] {length}).toFloatVector();
            System.arraycopy(values, 0, into, 0, length);
        }
    }

    /** Overwrites the array with {@code from}, taken in row-major order. */
    static void write(float[] from, INDArray array) {
        if (isWholeBuffer(array)) {
            array.data().asNioFloat().put(from, 0, Math.toIntExact(array.length()));
        } else {
            float[] exact = from.length == array.length() ? from : Arrays.copyOf(from, Math.toIntExact(array.length()));
            array.assign(Nd4j.create(exact, array.shape(), DataType.FLOAT));
        }
    }

    // Only then does the host buffer hold exactly this array's values, in row-major order.
    private static boolean isWholeBuffer(INDArray array) {
        return CPU && array.dataType() == DataType.FLOAT && array.offset() == 0 && !array.isView()
                && array.length() == array.data().length() && array.elementWiseStride() == 1
                && (array.isVectorOrScalar() || array.ordering() == 'c');
    }
}
