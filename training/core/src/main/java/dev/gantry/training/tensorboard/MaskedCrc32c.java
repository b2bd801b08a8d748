package dev.gantry.training.tensorboard;

import java.util.zip.CRC32C;

/**
 * TFRecord's checksum: CRC32C, rotated and offset ("masked"), because a CRC computed over data
 * that itself holds CRCs is weak; TensorFlow's readers check exactly this value.
 */
final class MaskedCrc32c {
    private static final int MASK_DELTA = 0xa282ead8;

    private MaskedCrc32c() {}

    static int of(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return mask((int) crc.getValue());
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }
}
