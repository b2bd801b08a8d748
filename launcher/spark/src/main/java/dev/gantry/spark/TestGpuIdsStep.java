package dev.gantry.spark;

import java.util.StringJoiner;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * For test clusters only ({@value SparkKeys#TEST_ASSIGN_GPU_IDS}): tells an executor that
 * holds n GPUs on an agent without a GPU isolator that its GPUs are 0..n-1, through
 * {@code CUDA_VISIBLE_DEVICES}, where Gantry's discovery finds them. A Mesos agent with the
 * {@code gpu/nvidia} isolator sets no such variable and needs none: its container sees only its
 * own devices.
 */
final class TestGpuIdsStep implements ExecutorTaskStep {
    @Override
    public void apply(ExecutorLaunch launch, TaskInfo.Builder task) {
        int gpus = launch.allocation().total().gpus();
        if (gpus == 0) {
            return;
        }
        StringJoiner ids = new StringJoiner(",");
        for (int i = 0; i < gpus; i++) {
            ids.add(String.valueOf(i));
        }
        Environment.Builder env = task.getCommandBuilder().getEnvironmentBuilder();
        env.addVariables(Environment.Variable.newBuilder().setName(GpuDiscoveryPlugin.CUDA_VISIBLE_DEVICES)
                .setValue(ids.toString()));
    }
}
