package dev.gantry.training.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format MNIST ships in: a magic number (two zero bytes, a type byte, a dimension
 * count), one big-endian int per dimension, then the data. Only unsigned bytes (type 0x08) are
 * supported, which covers MNIST-style images and labels. Files may be gzipped. Declared sizes are
 * checked against the file before anything large is allocated.
 */
public record IdxFile(int[] dimensions, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    public static IdxFile read(Path path) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
             DataInputStream in = new DataInputStream(gunzipIfNeeded(raw))) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE || (magic & 0xFF) == 0) {
                throw new IllegalArgumentException("data file " + path + " is not an IDX file of unsigned bytes (magic 0x"
                        + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[magic & 0xFF];
            long elements = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.readInt();
                elements *= Math.max(dims[i], 0);
                if (dims[i] <= 0 || elements > MAX_ELEMENTS) {
                    throw new IllegalArgumentException("data file " + path + " declares an impossible size");
                }
            }
            if (!isGzip(path) && Files.size(path) != 4L + 4L * dims.length + elements) {
                throw new IllegalArgumentException("data file " + path + " is truncated or padded: it declares "
                        + elements + " values but holds " + (Files.size(path) - 4L - 4L * dims.length));
            }
            byte[] data = new byte[(int) elements];
            in.readFully(data);
            return new IdxFile(dims, data);
        } catch (EOFException e) {
            throw new IllegalArgumentException("data file " + path + " is truncated");
        } catch (IOException e) {
            throw new IllegalArgumentException("data file " + path + " cannot be read: " + e.getMessage());
        }
    }

    public static void write(Path path, int[] dimensions, byte[] data) throws IOException {
        dev.gantry.files.AtomicFiles.write(path, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(UNSIGNED_BYTE << 8 | dimensions.length);
            for (int d : dimensions) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
        });
    }

    /** Items along the first dimension. */
    public int count() {
        return dimensions[0];
    }

    /** Values per item: the product of the other dimensions. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    public int unsigned(int index) {
        return data[index] & 0xFF;
    }

    private static boolean isGzip(Path path) {
        return path.getFileName().toString().endsWith(".gz");
    }

    private static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }
}
