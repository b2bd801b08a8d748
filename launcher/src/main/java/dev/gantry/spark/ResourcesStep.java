package dev.gantry.spark;

import dev.gantry.placement.ResourceSlice;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * The exact resources placement chose, slice by slice: each in the offers' allocation role,
 * with its reservation and revocability, as Mesos requires an ACCEPT to echo them.
 */
final class ResourcesStep implements ExecutorTaskStep {
    @Override
    // Gantry does not declare RESERVATION_REFINEMENT, so Mesos speaks the role field with it.
    @SuppressWarnings("deprecation")
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        for (ResourceSlice slice : launch.allocation().slices()) {
            Resource.Builder resource = Resource.newBuilder()
                    .setName(slice.name())
                    .setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(slice.amount()))
                    .setRole(slice.reservationRole())
                    .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(launch.role()));
            if (slice.revocable()) {
                resource.setRevocable(Resource.RevocableInfo.getDefaultInstance());
            }
            task.addResources(resource);
        }
    }
}
