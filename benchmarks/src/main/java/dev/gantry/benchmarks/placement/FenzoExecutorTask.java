package dev.gantry.benchmarks.placement;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import com.netflix.fenzo.plugins.HostAttrValueConstraint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One executor of a job as a Fenzo task request: cores, memory, GPUs as the scalar
 * {@code gpus}, and each of the job's constraints as Fenzo's own {@link HostAttrValueConstraint}
 * (a hard constraint: the host's text attribute must equal the value).
 */
final class FenzoExecutorTask implements TaskRequest {
    private final String id;
    private final String group;
    private final Resources executor;
    private final Map<String, Double> scalars;
    private final List<ConstraintEvaluator> constraints;
    private AssignedResources assigned;

    private FenzoExecutorTask(String id, String group, Resources executor, List<ConstraintEvaluator> constraints) {
        this.id = id;
        this.group = group;
        this.executor = executor;
        // Mutable-style maps: Fenzo may look up keys it does not know, including null.
        this.scalars = executor.gpus() > 0 ? Collections.singletonMap(FenzoLease.GPUS, (double) executor.gpus())
                : Collections.emptyMap();
        this.constraints = constraints;
    }

    /** The job's executors as task requests, in order. */
    static List<TaskRequest> of(Job job) {
        List<ConstraintEvaluator> constraints = new ArrayList<>();
        job.constraints().forEach((name, value) -> constraints.add(new HostAttrValueConstraint(name, task -> value)));
        String group = "job-" + job.id();
        List<TaskRequest> tasks = new ArrayList<>(job.executors());
        for (int i = 0; i < job.executors(); i++) {
            tasks.add(new FenzoExecutorTask(group + "-executor-" + i, group, job.executor(), List.copyOf(constraints)));
        }
        return tasks;
    }

    /** What the task takes when Fenzo assigns it: exactly what it asked for. */
    static Resources resourcesOf(TaskRequest task) {
        Double gpus = task.getScalarRequests().get(FenzoLease.GPUS);
        return new Resources(task.getCPUs(), task.getMemory(), gpus == null ? 0 : (int) Math.round(gpus));
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String taskGroupName() {
        return group;
    }

    @Override
    public double getCPUs() {
        return executor.cpus();
    }

    @Override
    public double getMemory() {
        return executor.memMb();
    }

    @Override
    public double getNetworkMbps() {
        return 0;
    }

    @Override
    public double getDisk() {
        return 0;
    }

    @Override
    public int getPorts() {
        return 0;
    }

    @Override
    public Map<String, Double> getScalarRequests() {
        return scalars;
    }

    @Override
    public Map<String, NamedResourceSetRequest> getCustomNamedResources() {
        return Collections.emptyMap();
    }

    @Override
    public List<? extends ConstraintEvaluator> getHardConstraints() {
        return constraints;
    }

    @Override
    public List<? extends VMTaskFitnessCalculator> getSoftConstraints() {
        return List.of();
    }

    @Override
    public void setAssignedResources(AssignedResources assignedResources) {
        this.assigned = assignedResources;
    }

    @Override
    public AssignedResources getAssignedResources() {
        return assigned;
    }
}
