package dev.gantry.training.tensorflow;

import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/** The session options of one replica: its CPU threads and the only GPUs it may touch. */
final class SessionConfig {
    private SessionConfig() {}

    static ConfigProto of(int threads, List<Integer> gpus) {
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (threads > 0) {
            // TensorFlow sizes its process-wide pools from the first session of the process and
            // ignores later sessions' sizes. Per-session threads give this replica its own
            // inter-op pool; the intra-op pool stays process-wide (unless the executor's
            // environment sets TF_OVERRIDE_GLOBAL_THREADPOOL=1), so the first replica of a
            // JVM decides it.
            config.setIntraOpParallelismThreads(threads)
                    .setInterOpParallelismThreads(threads)
                    .setUsePerSessionThreads(true);
        }
        if (!gpus.isEmpty()) {
            if (gpus.stream().anyMatch(gpu -> gpu == null || gpu < 0)) {
                throw new IllegalArgumentException("gpus must be CUDA ordinals (0 or more), got " + gpus);
            }
            // Without a visible device list TensorFlow opens every GPU of the machine and, without
            // allow_growth, reserves nearly all of their memory: two executors on one agent would
            // then fight over the same devices.
            config.setGpuOptions(GPUOptions.newBuilder()
                    .setVisibleDeviceList(gpus.stream().map(String::valueOf).collect(Collectors.joining(",")))
                    .setAllowGrowth(true));
        }
        return config.build();
    }
}
