package dev.gantry.training.tensorflow;

import dev.gantry.training.scenarios.TrainingScenarios;

/** The training scenarios on local Spark with TensorFlow computing. */
class TensorFlowTrainingIT extends TrainingScenarios {
    @Override
    protected String framework() {
        return "tensorflow";
    }
}
