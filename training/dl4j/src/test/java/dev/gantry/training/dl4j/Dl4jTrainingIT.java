package dev.gantry.training.dl4j;

import dev.gantry.training.scenarios.TrainingScenarios;

/** The training scenarios on local Spark with Deeplearning4j computing. */
class Dl4jTrainingIT extends TrainingScenarios {
    @Override
    protected String framework() {
        return "dl4j";
    }
}
