package dev.gantry.job;

import java.util.List;

/** Spec texts shared by the tests, and a reader that names its text {@code job.yaml}. */
final class Specs {
    static final String MINIMAL = """
            name: digits
            framework: tensorflow
            model: {kind: mlp, inputShape: [784], classes: 10}
            data: {format: synthetic}
            """;

    /** Every field set, none to its default. */
    static final String FULL = """
            name: full-example
            framework: dl4j
            model:
              kind: cnn
              inputShape: [28, 28, 1]
              classes: 10
              hidden: [64, 32]
              convFilters: [8, 16]
            data:
              format: csv
              path: data/train.csv
              options: {label: digit, header: "true"}
              validation:
                format: csv
                path: data/test.csv
                options: {label: digit}
            training:
              epochs: 7
              batchSize: 128
              learningRate: 0.05
              optimizer: momentum
              sync: averaging
              averagingSteps: 4
              checkpointSteps: 100
              seed: 9
              shuffle: false
              maxSteps: 1000
              threads: 2
            resources:
              workers: 4
              gpusPerWorker: 2
              cpusPerWorker: 3
              memoryPerWorker: 6g
              placement: spread
              constraints: {gpu_model: "H100,A100", gpu_memory_mb: 40960}
              gangTimeout: 90s
            spark:
              spark.executor.memory: 8g
              spark.mesos.role: ml
            output:
              directory: /tmp/runs/full
            master: mesos://master.example:5050
            """;

    private Specs() {}

    static JobSpec read(String yaml, String... overrides) {
        return new JobSpecReader().parse(yaml, "job spec job.yaml", List.of(overrides));
    }
}
