package dev.gantry.run;

import dev.gantry.job.JobSpecException;
import dev.gantry.mesos.Credential;
import dev.gantry.mesos.MasterAddresses;
import dev.gantry.mesos.MasterOperator;
import dev.gantry.mesos.MasterState;
import dev.gantry.mesos.OperatorCallException;
import dev.gantry.placement.Amounts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a master's state before a job starts, so that an unreachable master or a
 * cluster too small for the job is one line at once rather than a wait for offers that never fit.
 * Agents that are not active are left out: they get no tasks.
 */
public final class MasterProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MasterProbe() {}

    public static ClusterView read(String master, Optional<Credential> credential) {
        MasterOperator operator;
        try {
            operator = MasterOperator.of(master, credential, TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("master: " + e.getMessage());
        }
        String shown = MasterAddresses.printable(master);
        try {
            return view(shown, MasterState.parse(operator.state()));
        } catch (IllegalArgumentException e) {
            throw new JobSpecException("master: " + shown + " answered GET /master/state with something other than"
                    + " Mesos state JSON: " + e.getMessage());
        } catch (OperatorCallException e) {
            throw new JobSpecException("master: " + shown + " refused to show its state (HTTP " + e.status() + ")"
                    + (e.status() == 401 || e.status() == 403
                    ? "; set spark.mesos.principal and spark.mesos.secret or spark.mesos.secret.file" : ""));
        } catch (IOException e) {
            throw new JobSpecException("master: cannot reach the Mesos master " + shown + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobSpecException("master: interrupted while reaching " + master);
        }
    }

    static ClusterView view(String master, MasterState state) {
        boolean simulated = false;
        List<AgentView> agents = new ArrayList<>();
        for (MasterState.Agent agent : state.agents()) {
            if (!agent.active()) {
                continue;
            }
            simulated |= agent.gpusSimulated();
            Amounts total = amounts(agent.total());
            Amounts used = amounts(agent.used());
            Amounts free = new Amounts(Math.max(0, total.cpus() - used.cpus()), Math.max(0, total.memMb() - used.memMb()),
                    Math.max(0, total.gpus() - used.gpus()));
            agents.add(new AgentView(agent.id(), agent.hostname(), total, free, agent.gpuModel(), agent.attributes()));
        }
        return new ClusterView(master, state.embedded(), simulated, agents);
    }

    private static Amounts amounts(MasterState.Resources resources) {
        return new Amounts(resources.cpus(), resources.memMb(), (int) Math.floor(resources.gpus()));
    }
}
