package dev.gantry.spark;

import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The exact resources placement chose, slice by slice, each taken from the offered resources it
 * came from: with their reservation and revocability as offered (an ACCEPT must echo them), in
 * the offers' allocation role.
 */
final class ResourcesStep implements ExecutorTaskStep {
    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        task.addAllResources(launch.offered().take(launch.allocation(), launch.role()));
    }
}
