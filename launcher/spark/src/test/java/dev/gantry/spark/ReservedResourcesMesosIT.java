package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.mesos.FrameworkInfos;
import dev.gantry.mesos.SchedulerClient;
import dev.gantry.mesos.SchedulerListener;
import dev.gantry.offers.OfferPool;
import dev.gantry.placement.ExecutorAllocation;
import dev.gantry.placement.ResourceSlice;
import dev.gantry.protocol.Reservations;
import dev.gantry.localcluster.AgentSpec;
import dev.gantry.testing.MesosBundle;
import dev.gantry.testing.RealMesosCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor tasks on dynamically reserved resources, judged by a real Mesos master: the reservation
 * of every offered resource must come back in the task, split where one slice spans reservations
 * of different principals.
 */
class ReservedResourcesMesosIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Filters NO_REFUSAL = Filters.newBuilder().setRefuseSeconds(0).build();

    /** Offers and status updates as the client delivers them. */
    private static final class Inbox implements SchedulerListener {
        final BlockingQueue<Offer> offers = new LinkedBlockingQueue<>();
        final BlockingQueue<TaskStatus> updates = new LinkedBlockingQueue<>();

        @Override
        public void offers(List<Offer> list) {
            offers.addAll(list);
        }

        @Override
        public void update(TaskStatus status) {
            updates.add(status);
        }
    }

    /** Half a CPU for each of two principals, so one executor's CPU spans two reservations. */
    private static String reserve(String agentId) {
        return "{\"type\":\"RESERVE_RESOURCES\",\"reserve_resources\":{\"agent_id\":{\"value\":\"" + agentId + "\"},"
                + "\"resources\":["
                + reservation("cpus", 0.5, "alice") + "," + reservation("cpus", 0.5, "bob") + ","
                + reservation("mem", 256, "alice") + "," + reservation("gpus", 1, "alice") + "]}}";
    }

    private static String reservation(String name, double amount, String principal) {
        return "{\"type\":\"SCALAR\",\"name\":\"" + name + "\",\"scalar\":{\"value\":" + amount + "},"
                + "\"reservations\":[{\"type\":\"DYNAMIC\",\"role\":\"ml\",\"principal\":\"" + principal + "\"}]}";
    }

    @TempDir
    Path workDir;

    @Test
    void anExecutorTaskOnDynamicallyReservedResourcesRuns() throws Exception {
        try (RealMesosCluster mesos = RealMesosCluster.builder(MesosBundle.require(), workDir)
                .agent(AgentSpec.builder().cpus(2).memMb(1024).gpus(1).build()).start()) {
            assertThat(mesos.operator(reserve(mesos.agentIds().get(0)))).isEqualTo(202);
            Inbox inbox = new Inbox();
            try (SchedulerClient client = SchedulerClient.builder().master(mesos.uri()).listener(inbox)
                    .frameworkInfo(FrameworkInfos.builder("gantry-reservation-it")
                            .user(System.getProperty("user.name")).roles("ml").gpuResources(true).build())
                    .build()) {
                client.start();
                client.awaitSubscribed(WAIT);

                // As the task builder made them before: the bare role, which Mesos reads as a static reservation.
                Offer first = reservedOffer(inbox);
                client.accept(List.of(first.getId()), List.of(launch(task("bare", first, OfferPool.none()))),
                        NO_REFUSAL).get(30, TimeUnit.SECONDS);
                TaskStatus refused = settled(inbox, client, "bare");
                assertThat(refused.getState()).isEqualTo(TaskState.TASK_ERROR);
                assertThat(refused.getMessage()).contains("STATIC");

                Offer second = reservedOffer(inbox);
                TaskInfo echoed = task("echoed", second, OfferPool.of(List.of(second)));
                assertThat(echoed.getResourcesList()).filteredOn(r -> r.getName().equals("cpus")).hasSize(2);
                client.accept(List.of(second.getId()), List.of(launch(echoed)), NO_REFUSAL).get(30, TimeUnit.SECONDS);
                TaskStatus running = settled(inbox, client, "echoed");
                assertThat(running.getState()).as(running.getMessage()).isEqualTo(TaskState.TASK_RUNNING);

                client.teardown().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** An executor task taking one CPU (both principals' halves), the reserved memory and the GPU. */
    private static TaskInfo task(String id, Offer offer, OfferPool pool) {
        ExecutorLaunch launch = new ExecutorLaunch(id, offer.getAgentId(), offer.getHostname(), "ml",
                new ExecutorAllocation(List.of(new ResourceSlice("cpus", "ml", false, 1),
                        new ResourceSlice("mem", "ml", false, 256), new ResourceSlice("gpus", "ml", false, 1))),
                pool);
        ExecutorTaskStep sleep = (l, task) -> task.setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 60"));
        return new ExecutorTaskBuilder(List.of(new BasicsStep("reservation-it"), sleep, new ResourcesStep()))
                .build(launch);
    }

    private static Offer.Operation launch(TaskInfo task) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();
    }

    /** The next offer holding the resources reserved for {@code ml}. */
    private static Offer reservedOffer(Inbox inbox) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Offer offer = inbox.offers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(offer).as("an offer with the reservations for ml within " + WAIT).isNotNull();
            if (offer.getResourcesList().stream().anyMatch(r -> Reservations.roleOf(r).equals("ml"))) {
                return offer;
            }
        }
    }

    /** The task's first status past staging, acknowledged when it needs it. */
    private static TaskStatus settled(Inbox inbox, SchedulerClient client, String taskId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            TaskStatus status = inbox.updates.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(status).as("a status of task " + taskId + " within " + WAIT).isNotNull();
            client.acknowledge(status).get(30, TimeUnit.SECONDS);
            if (status.getTaskId().getValue().equals(taskId) && status.getState() != TaskState.TASK_STAGING
                    && status.getState() != TaskState.TASK_STARTING) {
                return status;
            }
        }
    }
}
