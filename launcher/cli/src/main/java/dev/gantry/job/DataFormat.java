package dev.gantry.job;

import java.util.Locale;

/** The data formats {@link dev.gantry.training.data.DataSources} reads. */
public enum DataFormat {
    IDX,
    CSV,
    LIBSVM,
    PARQUET,
    /** Generated on the workers from a seed: no file at all. */
    SYNTHETIC,
    /** 28 x 28 images of handwritten-looking digits, generated on the workers from a seed like synthetic data. */
    DIGITS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Made from a seed where it is used, so it has no {@code path}. */
    public boolean generated() {
        return this == SYNTHETIC || this == DIGITS;
    }
}
