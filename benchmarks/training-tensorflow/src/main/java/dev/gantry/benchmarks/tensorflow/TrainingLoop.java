package dev.gantry.benchmarks.tensorflow;

import dev.gantry.training.backend.Batch;

/** One way of taking a training step; the benchmark times many of them. */
interface TrainingLoop extends AutoCloseable {

    String name();

    /** One optimizer step on the batch; returns the batch's loss, so that no side can skip work. */
    float step(Batch batch);

    @Override
    void close();
}
