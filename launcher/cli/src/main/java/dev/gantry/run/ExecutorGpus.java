package dev.gantry.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import scala.Option;

/**
 * The GPU addresses each executor reported when it registered: which GPUs an agent gave is the
 * agent's choice, and the executor's discovery is where it becomes known.
 */
final class ExecutorGpus extends SparkListener {
    private final Map<String, List<String>> byExecutor = new ConcurrentHashMap<>();

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded added) {
        Option<ResourceInformation> gpu = added.executorInfo().resourcesInfo().get("gpu");
        byExecutor.put(added.executorId(), gpu.isDefined() ? List.of(gpu.get().addresses()) : List.of());
    }

    /** The executor's GPUs; empty for a CPU-only executor or one not registered yet. */
    List<String> of(String executorId) {
        return byExecutor.getOrDefault(executorId, List.of());
    }
}
