package dev.gantry.spark;

import dev.gantry.placement.ResourceSlice;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The exact resources placement chose, slice by slice, each taken from the offered resources it
 * came from: with their reservation and revocability as offered (an ACCEPT must echo them), in
 * the offers' allocation role.
 */
final class ResourcesStep implements ExecutorTaskStep {
    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        Resource.AllocationInfo allocation = Resource.AllocationInfo.newBuilder().setRole(launch.role()).build();
        for (ResourceSlice slice : launch.allocation().slices()) {
            for (Resource resource : launch.offered().take(slice)) {
                task.addResources(resource.toBuilder().setAllocationInfo(allocation));
            }
        }
    }
}
