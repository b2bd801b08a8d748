package dev.gantry.job;

import java.util.Locale;

/** The data formats {@link dev.gantry.training.data.DataSources} reads. */
public enum DataFormat {
    IDX,
    CSV,
    LIBSVM,
    PARQUET,
    /** Generated on the workers from a seed: no file at all. */
    SYNTHETIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
