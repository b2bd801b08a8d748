package dev.gantry.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.protocol.MediaType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mesos scheduler-API scenarios that run unchanged against the embedded master and against real
 * Apache Mesos: where the two disagree, real Mesos is right. One cluster serves a whole class
 * (real Mesos takes seconds to start); each scenario subscribes its own frameworks and tears
 * them down afterwards, so scenarios do not see each other's offers or tasks.
 *
 * <p>The master authenticates frameworks (HTTP Basic), as production Mesos clusters do; every
 * scenario's framework carries the principal {@value #PRINCIPAL}.
 *
 * <p>One file past 400 lines on purpose: every scenario runs on the one cluster the suite starts,
 * and real Mesos takes seconds to start (minutes on a loaded machine); each further suite would
 * be two more subclasses and one more real cluster started per build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MasterScenarios {
    static final String PRINCIPAL = "gantry-test";
    static final String SECRET = "s3cret-for-tests";
    /** Real Mesos' status update manager resends after 10 s at first, doubling: room for a loaded machine. */
    private static final Duration RESEND = Duration.ofSeconds(60);

    /** A GPU agent, and a CPU-only agent with a static reservation for role {@code ml}. */
    static final List<AgentSpec> AGENTS = List.of(
            AgentSpec.builder().cpus(2).memMb(1024).gpus(2).build(),
            AgentSpec.builder().cpus(2).memMb(1024).attribute("rack", "r2")
                    .reserve("ml", new AgentSpec.Reservation(1, 256, 0)).build());

    private MasterUnderTest master;
    private String gpuAgent;
    private String cpuAgent;
    private final List<RawScheduler> frameworks = new ArrayList<>();

    /** Starts the master under test with {@link #AGENTS} and the credentials given. */
    abstract MasterUnderTest start(List<AgentSpec> agents, Map<String, String> credentials) throws Exception;

    @BeforeAll
    void startMaster() throws Exception {
        master = start(AGENTS, Map.of(PRINCIPAL, SECRET));
        List<String> ids = master.agentIds();
        gpuAgent = ids.get(0);
        cpuAgent = ids.get(1);
    }

    @AfterAll
    void stopMaster() throws Exception {
        if (master != null) {
            master.close();
        }
    }

    @AfterEach
    void tearDownFrameworks() throws Exception {
        for (RawScheduler scheduler : frameworks) {
            if (scheduler.frameworkId != null) {
                scheduler.call(Call.newBuilder().setType(Call.Type.TEARDOWN));
            }
            scheduler.close();
        }
        frameworks.clear();
    }

    private RawScheduler subscribe(FrameworkInfo.Builder info) throws Exception {
        RawScheduler scheduler = new RawScheduler(master.uri(), MediaType.PROTOBUF).authenticate(PRINCIPAL, SECRET);
        frameworks.add(scheduler);
        scheduler.subscribe(info.setPrincipal(PRINCIPAL).build());
        return scheduler;
    }

    private static FrameworkInfo.Builder framework(String name, boolean gpus, String role) {
        return RawScheduler.framework(name, gpus).clearRoles().addRoles(role);
    }

    /** The next offer from {@code agentId}, waiting through offers from other agents. */
    private static Offer offerFrom(RawScheduler scheduler, String agentId) throws InterruptedException {
        return offersFrom(scheduler, agentId).get(agentId);
    }

    /** One offer from each of {@code agentIds}, which may come in one OFFERS event or several. */
    private static Map<String, Offer> offersFrom(RawScheduler scheduler, String... agentIds) throws InterruptedException {
        Map<String, Offer> found = new java.util.LinkedHashMap<>();
        List<String> wanted = List.of(agentIds);
        while (found.size() < wanted.size()) {
            Event event = scheduler.next(Duration.ofSeconds(30), e -> e.getType() == Event.Type.OFFERS
                    && e.getOffers().getOffersList().stream().anyMatch(o -> wanted.contains(o.getAgentId().getValue())
                    && !found.containsKey(o.getAgentId().getValue())));
            for (Offer offer : event.getOffers().getOffersList()) {
                if (wanted.contains(offer.getAgentId().getValue())) {
                    found.putIfAbsent(offer.getAgentId().getValue(), offer);
                }
            }
        }
        return found;
    }

    private static double scalar(Offer offer, String name, Predicate<Resource> which) {
        return offer.getResourcesList().stream().filter(r -> r.getName().equals(name) && which.test(r))
                .mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    private static TaskInfo shell(String id, Offer offer, String command, double gpus, String role) {
        return TaskInfos.shell(id, offer.getAgentId(), command, 0.1, 32, gpus, role);
    }

    private static Call.Builder decline(Offer offer, double refuseSeconds) {
        return Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds)));
    }

    /** A SUBSCRIBE's status and headers; a 200's stream is closed at once. */
    private record Answer(int status, java.net.http.HttpHeaders headers) {}

    private Answer rawSubscribe(String authorization) throws Exception {
        Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .setFrameworkInfo(framework("auth", false, "*").setPrincipal(PRINCIPAL))).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(master.uri().resolve("/api/v1/scheduler"))
                .header("Content-Type", MediaType.PROTOBUF.value()).header("Accept", MediaType.PROTOBUF.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(MediaType.PROTOBUF.encode(call)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<java.io.InputStream> response = RawScheduler.HTTP.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return new Answer(response.statusCode(), response.headers());
    }

    private static String basic(String principal, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((principal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ subscribe and authentication

    @Test
    void subscribeAnswersWithAStreamIdAndAFrameworkId() throws Exception {
        RawScheduler scheduler = subscribe(framework("subscribe", false, "*"));
        assertThat(scheduler.streamId).isNotBlank();
        assertThat(scheduler.frameworkId.getValue()).isNotBlank();
        HttpResponse<String> noStream = scheduler.send(Call.newBuilder().setType(Call.Type.REVIVE)
                .setFrameworkId(scheduler.frameworkId).build(), null);
        assertThat(noStream.statusCode()).as("a call without Mesos-Stream-Id").isEqualTo(400);
    }

    @Test
    void authenticationRefusesAMissingOrWrongSecret() throws Exception {
        Answer missing = rawSubscribe(null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"mesos-master-scheduler\"");
        assertThat(rawSubscribe(basic(PRINCIPAL, "wrong")).status()).isEqualTo(401);
        assertThat(rawSubscribe(basic(PRINCIPAL, SECRET)).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ GPUs

    @Test
    void gpuAgentsAreOfferedOnlyToFrameworksWithTheGpuCapability() throws Exception {
        RawScheduler plain = subscribe(framework("cpu-only", false, "*"));
        Offer cpuOffer = offerFrom(plain, cpuAgent);
        assertThat(scalar(cpuOffer, "gpus", r -> true)).isZero();
        RawScheduler gpu = subscribe(framework("gpu", true, "*"));
        Offer gpuOffer = offerFrom(gpu, gpuAgent);
        assertThat(scalar(gpuOffer, "gpus", r -> true)).isEqualTo(2);
        // The plain framework was never offered the GPU agent, which was free all along until now.
        plain.call(decline(cpuOffer, 0));
        offerFrom(plain, cpuAgent);
        assertThat(plain.anyReceived(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream()
                .anyMatch(o -> o.getAgentId().getValue().equals(gpuAgent)))).isFalse();
    }

    @Test
    void fractionalGpusEndInTaskErrorFromTheMaster() throws Exception {
        RawScheduler scheduler = subscribe(framework("half-gpu", true, "*"));
        Offer offer = offerFrom(scheduler, gpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("half", offer, "true", 0.5, "*")));
        TaskStatus error = scheduler.update("half", TaskState.TASK_ERROR);
        assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getMessage()).contains("The 'gpus' resource must be an unsigned integer");
        assertThat(error.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(error.hasUuid()).as("master-generated updates carry no uuid").isFalse();
    }

    // ------------------------------------------------------------------ tasks and their updates

    @Test
    void aLaunchedTaskRunsAndFinishesWithAcknowledgedUpdates() throws Exception {
        RawScheduler scheduler = subscribe(framework("launch", true, "*"));
        Offer offer = offerFrom(scheduler, gpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("hello", offer, "echo hello", 1, "*")));
        TaskStatus running = scheduler.ackUntil("hello", TaskState.TASK_RUNNING);
        assertThat(running.getAgentId().getValue()).isEqualTo(gpuAgent);
        assertThat(running.hasUuid()).as("agent updates must be acknowledged").isTrue();
        TaskStatus finished = scheduler.ackUntil("hello", TaskState.TASK_FINISHED);
        assertThat(finished.getSource()).isNotEqualTo(TaskStatus.Source.SOURCE_MASTER);
    }

    @Test
    void anUnacknowledgedUpdateIsResentAndHoldsBackTheNext() throws Exception {
        RawScheduler scheduler = subscribe(framework("unacked", false, "*"));
        Offer offer = offerFrom(scheduler, cpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("quick", offer, "true", 0, "*")));
        TaskStatus first = scheduler.next(RESEND, e -> isUpdate(e, "quick")).getUpdate().getStatus();
        TaskStatus again = scheduler.next(RESEND, e -> isUpdate(e, "quick")).getUpdate().getStatus();
        assertThat(again.getUuid()).as("the same update, resent").isEqualTo(first.getUuid());
        assertThat(again.getState()).isEqualTo(first.getState());
        // Nothing newer came while the first stayed unacknowledged, though the task ended long ago.
        assertThat(scheduler.anyReceived(e -> isUpdate(e, "quick"))).isFalse();
        scheduler.acknowledge(again);
        scheduler.ackUntil("quick", TaskState.TASK_FINISHED);
    }

    private static boolean isUpdate(Event e, String taskId) {
        return e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId);
    }

    @Test
    void killEndsARunningTaskAsKilled() throws Exception {
        RawScheduler scheduler = subscribe(framework("kill", false, "*"));
        Offer offer = offerFrom(scheduler, cpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("sleeper", offer, "sleep 600", 0, "*")));
        TaskStatus running = scheduler.ackUntil("sleeper", TaskState.TASK_RUNNING);
        assertThat(scheduler.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                .setTaskId(running.getTaskId()).setAgentId(running.getAgentId()))).statusCode()).isEqualTo(202);
        scheduler.ackUntil("sleeper", TaskState.TASK_KILLED);
    }

    @Test
    void reconciliationReportsKnownTasksAndTheUnknown() throws Exception {
        RawScheduler scheduler = subscribe(framework("reconcile", false, "*"));
        Offer offer = offerFrom(scheduler, cpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("known", offer, "sleep 600", 0, "*")));
        scheduler.ackUntil("known", TaskState.TASK_RUNNING);
        scheduler.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()));
        TaskStatus implicit = scheduler.update("known", TaskState.TASK_RUNNING);
        assertThat(implicit.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(implicit.hasUuid()).isFalse();
        scheduler.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
                .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("ghost")))));
        TaskStatus ghost = scheduler.next(Duration.ofSeconds(30), e -> isUpdate(e, "ghost")).getUpdate().getStatus();
        // Mesos answers TASK_LOST for a task it never heard of, to frameworks that are not partition-aware.
        assertThat(ghost.getState()).isEqualTo(TaskState.TASK_LOST);
        assertThat(ghost.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(ghost.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
    }

    // ------------------------------------------------------------------ offers: declines, suppress, revive

    @Test
    void aDeclineFilterHoldsTheAgentBackUntilRevive() throws Exception {
        RawScheduler scheduler = subscribe(framework("filters", true, "*"));
        Map<String, Offer> offers = offersFrom(scheduler, gpuAgent, cpuAgent);
        scheduler.call(decline(offers.get(gpuAgent), 3600));
        scheduler.call(decline(offers.get(cpuAgent), 0));
        // The CPU agent comes back in a later allocation; the filtered GPU agent must not have.
        offerFrom(scheduler, cpuAgent);
        assertThat(scheduler.anyReceived(e -> offers(e, gpuAgent))).isFalse();
        scheduler.call(Call.newBuilder().setType(Call.Type.REVIVE));
        offerFrom(scheduler, gpuAgent);
    }

    @Test
    void suppressStopsOffersAndReviveBringsThemBack() throws Exception {
        RawScheduler scheduler = subscribe(framework("suppress", false, "*"));
        Offer offer = offerFrom(scheduler, cpuAgent);
        assertThat(scheduler.call(Call.newBuilder().setType(Call.Type.SUPPRESS)).statusCode()).isEqualTo(202);
        scheduler.call(decline(offer, 0));
        // A second framework is offered what the suppressed one declined.
        RawScheduler other = subscribe(framework("bystander", false, "*"));
        Offer taken = offerFrom(other, cpuAgent);
        assertThat(scheduler.anyReceived(e -> offers(e, cpuAgent))).isFalse();
        other.call(Call.newBuilder().setType(Call.Type.SUPPRESS));
        other.call(decline(taken, 0));
        scheduler.call(Call.newBuilder().setType(Call.Type.REVIVE));
        offerFrom(scheduler, cpuAgent);
    }

    private static boolean offers(Event e, String agentId) {
        return e.getType() == Event.Type.OFFERS
                && e.getOffers().getOffersList().stream().anyMatch(o -> o.getAgentId().getValue().equals(agentId));
    }

    // ------------------------------------------------------------------ roles and reservations

    @Test
    @SuppressWarnings("deprecation") // frameworks without RESERVATION_REFINEMENT see the role field
    void staticReservationsAreOfferedOnlyToTheirRole() throws Exception {
        RawScheduler web = subscribe(framework("web", false, "web"));
        Offer webOffer = offerFrom(web, cpuAgent);
        assertThat(webOffer.getAllocationInfo().getRole()).isEqualTo("web");
        assertThat(webOffer.getResourcesList()).noneMatch(r -> r.getRole().equals("ml"));
        assertThat(scalar(webOffer, "cpus", r -> true)).isEqualTo(1);
        RawScheduler ml = subscribe(framework("ml", false, "ml"));
        Offer mlOffer = offerFrom(ml, cpuAgent);
        assertThat(mlOffer.getAllocationInfo().getRole()).isEqualTo("ml");
        assertThat(scalar(mlOffer, "cpus", r -> r.getRole().equals("ml"))).isEqualTo(1);
        assertThat(mlOffer.getResourcesList()).filteredOn(r -> r.getRole().equals("ml"))
                .allMatch(r -> !r.hasReservation(), "a static reservation carries no ReservationInfo");
        // Launching on the reserved cpus by naming the role is how a static reservation is used.
        ml.call(TaskInfos.launch(mlOffer, TaskInfos.shell("in-ml", mlOffer.getAgentId(), "true", 0.5, 64, 0, "ml")
                .toBuilder().clearResources()
                .addResources(reserved("cpus", 0.5, "ml")).addResources(reserved("mem", 64, "ml")).build()));
        ml.ackUntil("in-ml", TaskState.TASK_FINISHED);
    }

    @SuppressWarnings("deprecation")
    private static Resource reserved(String name, double amount, String role) {
        return TaskInfos.scalar(name, amount, role).toBuilder().setRole(role).build();
    }

    /** Posts a JSON call to the master's operator API as {@value #PRINCIPAL}; returns the status and body. */
    private HttpResponse<String> operator(String json) throws Exception {
        return RawScheduler.HTTP.send(HttpRequest.newBuilder(master.uri().resolve("/api/v1"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", basic(PRINCIPAL, SECRET)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RESERVE_RESOURCES or UNRESERVE_RESOURCES of {@code resources} (JSON objects) on {@code agentId}. */
    private HttpResponse<String> operatorReservation(String type, String agentId, String... resources) throws Exception {
        String field = type.toLowerCase(java.util.Locale.ROOT);
        return operator("{\"type\":\"" + type + "\",\"" + field + "\":{\"agent_id\":{\"value\":\"" + agentId
                + "\"},\"resources\":[" + String.join(",", resources) + "]}}");
    }

    /** A resource in the pre-refinement format: the role, and the reservation's principal and labels. */
    private static String dynamicJson(String name, double amount, String role, String principal, String labels) {
        return "{\"name\":\"" + name + "\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + amount + "},\"role\":\""
                + role + "\",\"reservation\":{\"principal\":\"" + principal + "\"" + labels + "}}";
    }

    @SuppressWarnings("deprecation")
    private static Resource dynamic(String name, double amount, String role, String principal) {
        return reserved(name, amount, role).toBuilder()
                .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal(principal)).build();
    }

    private static final Filters NO_REFUSAL = Filters.newBuilder().setRefuseSeconds(0).build();

    private static Call.Builder operation(Offer offer, Offer.Operation.Builder operation) {
        return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addOfferIds(offer.getId()).addOperations(operation).setFilters(NO_REFUSAL));
    }

    private static org.apache.mesos.v1.Protos.OperationStatus operationStatus(RawScheduler scheduler, String id)
            throws InterruptedException {
        return scheduler.next(Duration.ofSeconds(30), e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
                && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(id))
                .getUpdateOperationStatus().getStatus();
    }

    @Test
    @SuppressWarnings("deprecation") // without RESERVATION_REFINEMENT, Mesos speaks in role and reservation
    void anOperatorsReservationIsOfferedToItsRoleAndTasksMustEchoIt() throws Exception {
        String role = "operator-reserved";
        String labels = ",\"labels\":{\"labels\":[{\"key\":\"team\",\"value\":\"vision\"}]}";
        String[] resources = {dynamicJson("cpus", 0.5, role, PRINCIPAL, labels), dynamicJson("mem", 64, role, PRINCIPAL, labels)};
        HttpResponse<String> reserved = operatorReservation("RESERVE_RESOURCES", cpuAgent, resources);
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(202);
        try {
            RawScheduler bystander = subscribe(framework("operator-bystander", false, "*"));
            Offer unreserved = offerFrom(bystander, cpuAgent);
            assertThat(unreserved.getResourcesList()).noneMatch(r -> r.getRole().equals(role) || r.hasReservation());
            assertThat(scalar(unreserved, "cpus", r -> true)).as("the static ml and the new reservation held back")
                    .isEqualTo(0.5);
            bystander.call(Call.newBuilder().setType(Call.Type.SUPPRESS));
            bystander.call(decline(unreserved, 0));

            RawScheduler owner = subscribe(framework("operator-owner", false, role));
            Offer offer = offerFrom(owner, cpuAgent);
            List<Resource> mine = offer.getResourcesList().stream().filter(r -> r.getRole().equals(role)).toList();
            assertThat(mine).extracting(Resource::getName).containsExactlyInAnyOrder("cpus", "mem");
            for (Resource r : mine) {
                assertThat(r.getReservation().getPrincipal()).isEqualTo(PRINCIPAL);
                assertThat(r.getReservation().hasType()).as("pre-refinement: no type in the reservation").isFalse();
                assertThat(r.getReservation().getLabels().getLabels(0).getValue()).isEqualTo("vision");
                assertThat(r.getReservationsCount()).as("no refined reservations without the capability").isZero();
                assertThat(r.getAllocationInfo().getRole()).isEqualTo(role);
            }
            assertThat(scalar(offer, "cpus", r -> r.getRole().equals(role))).isEqualTo(0.5);

            // The bare role means a static reservation, which this agent does not have for the role.
            Call.Builder bare = TaskInfos.launch(offer, TaskInfos.shell("bare-role", offer.getAgentId(), "true", 0.5, 64,
                    0, role).toBuilder().clearResources().addResources(reserved("cpus", 0.5, role))
                    .addResources(reserved("mem", 64, role)).build());
            bare.getAcceptBuilder().setFilters(NO_REFUSAL);
            owner.call(bare);
            TaskStatus refused = owner.update("bare-role", TaskState.TASK_ERROR);
            assertThat(refused.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
            assertThat(refused.getMessage()).contains("required by task and its executor is more than available")
                    .contains("(reservations: [(STATIC," + role + ")])")
                    .contains("(reservations: [(DYNAMIC," + role + "," + PRINCIPAL + ",{team: vision})])");

            Offer again = offerFrom(owner, cpuAgent);
            TaskInfo echoed = TaskInfos.shell("echoed", again.getAgentId(), "true", 0, 0, 0, role).toBuilder()
                    .clearResources().addAllResources(again.getResourcesList().stream()
                            .filter(r -> r.getRole().equals(role)).toList()).build();
            owner.call(TaskInfos.launch(again, echoed));
            owner.ackUntil("echoed", TaskState.TASK_FINISHED);
        } finally {
            HttpResponse<String> unreserved = operatorReservation("UNRESERVE_RESOURCES", cpuAgent, resources);
            assertThat(unreserved.statusCode()).as(unreserved.body()).isEqualTo(202);
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void aFrameworkReservesThroughAcceptAndUnreservesAgain() throws Exception {
        String role = "framework-reserved";
        RawScheduler scheduler = subscribe(framework("reserver", false, role));
        Offer offer = offerFrom(scheduler, cpuAgent);
        Resource cpus = dynamic("cpus", 0.25, role, PRINCIPAL);
        Resource mem = dynamic("mem", 32, role, PRINCIPAL);
        try {
            // Only the framework's own principal may make its reservations.
            scheduler.call(operation(offer, Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                    .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("as-mallory"))
                    .setReserve(Offer.Operation.Reserve.newBuilder().addResources(dynamic("cpus", 0.25, role, "mallory")))));
            org.apache.mesos.v1.Protos.OperationStatus refused = operationStatus(scheduler, "as-mallory");
            assertThat(refused.getState()).isEqualTo(org.apache.mesos.v1.Protos.OperationState.OPERATION_ERROR);
            assertThat(refused.getMessage()).startsWith("A reserve operation was attempted by authenticated principal '"
                    + PRINCIPAL + "', which does not match a reserved resource in the request with principal 'mallory'");

            offer = offerFrom(scheduler, cpuAgent);
            assertThat(offer.getResourcesList()).noneMatch(Resource::hasReservation);
            scheduler.call(operation(offer, Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                    .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("reserve"))
                    .setReserve(Offer.Operation.Reserve.newBuilder().addResources(cpus).addResources(mem))));
            org.apache.mesos.v1.Protos.OperationStatus finished = operationStatus(scheduler, "reserve");
            assertThat(finished.getState()).isEqualTo(org.apache.mesos.v1.Protos.OperationState.OPERATION_FINISHED);
            assertThat(finished.getAgentId().getValue()).isEqualTo(cpuAgent);

            Offer reservedOffer = offerFrom(scheduler, cpuAgent);
            assertThat(scalar(reservedOffer, "cpus", Resource::hasReservation)).isEqualTo(0.25);
            assertThat(scalar(reservedOffer, "mem", r -> r.hasReservation()
                    && r.getReservation().getPrincipal().equals(PRINCIPAL) && r.getRole().equals(role))).isEqualTo(32);
            assertThat(scalar(reservedOffer, "cpus", r -> r.getRole().equals("*"))).isEqualTo(0.75);

            scheduler.call(operation(reservedOffer, Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                    .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("unreserve"))
                    .setUnreserve(Offer.Operation.Unreserve.newBuilder().addResources(cpus).addResources(mem))));
            assertThat(operationStatus(scheduler, "unreserve").getState())
                    .isEqualTo(org.apache.mesos.v1.Protos.OperationState.OPERATION_FINISHED);
            Offer after = offerFrom(scheduler, cpuAgent);
            assertThat(after.getResourcesList()).noneMatch(Resource::hasReservation);
            assertThat(scalar(after, "cpus", r -> r.getRole().equals("*"))).isEqualTo(1);
        } catch (AssertionError | Exception e) {
            // Leave the agent unreserved for the other scenarios whatever went wrong here.
            operatorReservation("UNRESERVE_RESOURCES", cpuAgent, dynamicJson("cpus", 0.25, role, PRINCIPAL, ""),
                    dynamicJson("mem", 32, role, PRINCIPAL, ""));
            throw e;
        }
    }

    @Test
    void multipleRolesNeedTheMultiRoleCapability() throws Exception {
        RawScheduler both = subscribe(framework("two-roles", false, "a").addRoles("b"));
        Offer offer = offerFrom(both, cpuAgent);
        assertThat(offer.getAllocationInfo().getRole()).isIn("a", "b");
        RawScheduler old = new RawScheduler(master.uri(), MediaType.PROTOBUF).authenticate(PRINCIPAL, SECRET);
        frameworks.add(old);
        FrameworkInfo info = framework("no-multi-role", false, "a").clearCapabilities().setPrincipal(PRINCIPAL).build();
        // Mesos ends such a subscription with an ERROR event (or refuses it outright).
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> old.subscribe(info));
        if (refused == null) {
            assertThat(old.next(Event.Type.ERROR).getError().getMessage()).isNotBlank();
        } else {
            assertThat(refused).hasMessageContaining("ERROR");
        }
    }

    @Test
    void teardownKillsTheFrameworksTasksAndEndsItsStream() throws Exception {
        RawScheduler scheduler = subscribe(framework("teardown", false, "*"));
        Offer offer = offerFrom(scheduler, cpuAgent);
        scheduler.call(TaskInfos.launch(offer, shell("doomed", offer, "sleep 600", 0, "*")));
        scheduler.ackUntil("doomed", TaskState.TASK_RUNNING);
        assertThat(scheduler.call(Call.newBuilder().setType(Call.Type.TEARDOWN)).statusCode()).isEqualTo(202);
        assertThat(scheduler.streamEnded(Duration.ofSeconds(30))).as("the master closes the event stream").isTrue();
        frameworks.remove(scheduler);
        // The resources come back: a new framework is offered the whole CPU agent again.
        RawScheduler next = subscribe(framework("after-teardown", false, "*"));
        Offer whole = next.next(Duration.ofSeconds(30), e -> e.getType() == Event.Type.OFFERS
                && e.getOffers().getOffersList().stream().anyMatch(o -> o.getAgentId().getValue().equals(cpuAgent)
                && scalar(o, "cpus", r -> true) == 1)).getOffers().getOffers(0);
        assertThat(whole).isNotNull();
    }
}
