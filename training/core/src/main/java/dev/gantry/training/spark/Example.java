package dev.gantry.training.spark;

import java.io.Serializable;

/** One labelled example as it travels through Spark to a worker. */
public record Example(float[] features, int label) implements Serializable {
    private static final long serialVersionUID = 1L;
}
