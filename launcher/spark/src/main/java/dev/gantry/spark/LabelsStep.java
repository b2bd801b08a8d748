package dev.gantry.spark;

import java.util.Map;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;

/** The labels of {@code spark.mesos.task.labels}, for operators' tooling to find executors by. */
final class LabelsStep implements ExecutorTaskStep {
    private final Map<String, String> labels;

    LabelsStep(Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
    }

    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        if (labels.isEmpty()) {
            return;
        }
        Labels.Builder builder = Labels.newBuilder();
        labels.forEach((key, value) -> builder.addLabels(Label.newBuilder().setKey(key).setValue(value)));
        task.setLabels(builder);
    }
}
