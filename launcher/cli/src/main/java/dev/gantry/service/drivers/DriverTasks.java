package dev.gantry.service.drivers;

import dev.gantry.offers.OfferPool;
import dev.gantry.placement.ExecutorAllocation;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Builds a driver's {@link TaskInfo}. The spec reaches the sandbox in the environment variable
 * {@value #SPEC_VARIABLE}, which the task's shell writes to {@value #SPEC_FILE} before it runs the
 * driver: the spec travels inside the TaskInfo, which the master and agent checkpoint, so any agent
 * can run it with no fetcher, no file server in the service reachable from the agents, and no shared
 * storage, and a relaunch carries it again. Specs are small (at most
 * {@value DriverRequest#MAX_SPEC_BYTES} bytes; Linux allows 128 KiB per variable). The shell also
 * writes its pid to {@value #PID_FILE}; the driver {@code exec}s, so it keeps that pid.
 */
final class DriverTasks {
    static final String SPEC_VARIABLE = "GANTRY_JOB_SPEC";
    static final String SPEC_FILE = "job.yaml";
    static final String PID_FILE = "driver.pid";
    /**
     * How long a killed driver has between SIGTERM and SIGKILL: {@code gantry run} stops its job on
     * SIGTERM (Spark stopped, its framework torn down, the newest checkpoint kept), which takes longer
     * than Mesos' default of 3 s. As long as {@code gantry run} gives its own driver JVM.
     */
    static final long KILL_GRACE_SECONDS = 30;

    private DriverTasks() {}

    /** The task's shell command: spec file, pid file, the command's script. */
    static CommandInfo command(DriverRequest request, String master) {
        DriverCommand.Context context = new DriverCommand.Context(request.id(), master, SPEC_FILE,
                request.outputDirectory());
        String script = "printf '%s' \"$" + SPEC_VARIABLE + "\" > " + SPEC_FILE + " && unset " + SPEC_VARIABLE
                + " && echo $$ > " + PID_FILE + " && " + request.command().script(context);
        Map<String, String> environment = new TreeMap<>(request.environment());
        environment.putAll(request.command().environment());
        environment.put(SPEC_VARIABLE, request.spec());
        Environment.Builder variables = Environment.newBuilder();
        environment.forEach((name, value) -> variables.addVariables(Environment.Variable.newBuilder()
                .setName(name).setType(Environment.Variable.Type.VALUE).setValue(value)));
        return CommandInfo.newBuilder().setShell(true).setValue(script).setEnvironment(variables).build();
    }

    /** The whole task, with the resources {@code allocation} takes from {@code offers} in {@code role}. */
    static TaskInfo task(DriverRequest request, String master, AgentID agent, OfferPool offers,
                         ExecutorAllocation allocation, String role) {
        return TaskInfo.newBuilder()
                .setName("gantry driver " + request.jobId() + " (attempt " + request.attempt() + ")")
                .setTaskId(TaskID.newBuilder().setValue(request.taskId()))
                .setAgentId(agent)
                .setCommand(command(request, master))
                .addAllResources(offers.take(allocation, role))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(
                        DurationInfo.newBuilder().setNanoseconds(KILL_GRACE_SECONDS * 1_000_000_000L)))
                .setLabels(Labels.newBuilder()
                        .addLabels(Label.newBuilder().setKey("gantry.job").setValue(request.jobId()))
                        .addLabels(Label.newBuilder().setKey("gantry.attempt").setValue(String.valueOf(request.attempt()))))
                .build();
    }
}
