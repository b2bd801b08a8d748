package dev.gantry.training.tensorflow;

import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * A flat float vector laid out as consecutive pieces of fixed shapes (one per variable), moved
 * between a Java array and one tensor per piece. Joining the pieces into one tensor inside the
 * graph (Concat, then SplitV to feed it back) would cost two more copies of the whole vector
 * every step; at an MLP's size that is a tenth of a small batch's step on a CPU.
 *
 * <p>The feed tensors are reused while the shapes stay the same, like {@link FloatFeed}.
 */
final class FlatPieces implements AutoCloseable {
    private final Shape[] shapes;
    private final int[] offsets;
    private final FloatFeed[] feeds;
    private final TFloat32[] filled;

    FlatPieces(List<Shape> shapes) {
        this.shapes = shapes.toArray(Shape[]::new);
        this.offsets = new int[this.shapes.length];
        this.feeds = new FloatFeed[this.shapes.length];
        this.filled = new TFloat32[this.shapes.length];
        long at = 0;
        for (int i = 0; i < this.shapes.length; i++) {
            offsets[i] = Math.toIntExact(at);
            at += this.shapes[i].size();
            feeds[i] = new FloatFeed();
        }
    }

    /** Copies {@code result.get(first + i)}, piece i for every i, into its place in {@code into}. */
    void copyOut(Result result, int first, float[] into) {
        FloatDataBuffer target = DataBuffers.of(into, false, false);
        for (int i = 0; i < shapes.length; i++) {
            TFloat32 piece = (TFloat32) result.get(first + i);
            if (piece.size() != shapes[i].size()) {
                throw new IllegalStateException("gradient piece " + i + " has shape " + piece.shape() + ", expected " + shapes[i]);
            }
            piece.copyTo(target.slice(offsets[i], piece.size()));
        }
    }

    /** The pieces of {@code from} as tensors, index i of the array for piece i; valid until the next fill. */
    TFloat32[] fill(float[] from) {
        for (int i = 0; i < shapes.length; i++) {
            filled[i] = feeds[i].fill(shapes[i], from, offsets[i]);
        }
        return filled;
    }

    @Override
    public void close() {
        for (FloatFeed feed : feeds) {
            feed.close();
        }
    }
}
