package dev.gantry.spark;

import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * One aspect of an executor's Mesos task (its command, its resources, its container, ...),
 * added to the task being built. Modelled on the feature steps that build Spark's Kubernetes
 * executor pods: each step is small and testable on its own.
 */
interface ExecutorTaskStep {
    void apply(ExecutorLaunch launch, TaskInfo.Builder task);
}
