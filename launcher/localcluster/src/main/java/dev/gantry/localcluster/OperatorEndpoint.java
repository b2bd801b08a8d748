package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.gantry.protocol.MediaType;
import dev.gantry.protocol.MesosJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * {@code POST /api/v1} (also {@code /master/api/v1}): the read-only calls of Mesos' v1 operator API
 * that tools send first and the dynamic reservation calls, in JSON or protobuf, with a real master's checks and answers: 405 for
 * another method, 400 without Content-Type, 415 for another type, 406 for an Accept it cannot
 * meet, 400 for a call that does not parse or has no type, 501 for a call it does not serve.
 */
final class OperatorEndpoint implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    // A real master writes these lists even when empty (its own streaming JSON writer), while a
    // protobuf-to-JSON conversion would leave them out; tools index into them.
    private static final Map<String, List<String>> LISTS = Map.of(
            "get_tasks", List.of("tasks", "unreachable_tasks", "completed_tasks"),
            "get_executors", List.of("executors"),
            "get_frameworks", List.of("frameworks", "completed_frameworks"),
            "get_agents", List.of("agents", "recovered_agents"));

    private final Master master;
    private final FrameworkCredentials credentials;
    private final int maxRequestBytes;

    OperatorEndpoint(Master master, FrameworkCredentials credentials, int maxRequestBytes) {
        this.master = master;
        this.credentials = credentials;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/api/v1") && !path.equals("/master/api/v1")) {
            HttpExchanges.respond(exchange, 404, "No such endpoint: " + path);
            return;
        }
        if (!HttpExchanges.isPost(exchange)) {
            return;
        }
        // With framework authentication on, cluster state (task names, sandboxes) is not public either.
        Optional<String> principal = credentials == null ? Optional.empty()
                : credentials.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (credentials != null && principal.isEmpty()) {
            HttpExchanges.challenge(exchange, "mesos-master-readonly");
            return;
        }
        Optional<Call> read = HttpExchanges.readCall(exchange, maxRequestBytes, Call.newBuilder());
        if (read.isEmpty()) {
            return;
        }
        Call call = read.get();
        if (!call.hasType()) {
            HttpExchanges.respond(exchange, 400, "Failed to validate master::Call: Expecting 'type' to be present");
            return;
        }
        Optional<MediaType> accept = MediaType.fromAccept(exchange.getRequestHeaders().getFirst("Accept"));
        if (accept.isEmpty()) {
            HttpExchanges.respond(exchange, 406, "Expecting 'Accept' to allow '" + MediaType.PROTOBUF.value()
                    + "' or '" + MediaType.JSON.value() + "'");
            return;
        }
        if (call.getType() == Call.Type.RESERVE_RESOURCES || call.getType() == Call.Type.UNRESERVE_RESOURCES) {
            CallResult result = HttpExchanges.await(exchange, reservation(call, principal), PATIENCE);
            if (result != null) {
                HttpExchanges.respond(exchange, result.status(), result.body());
            }
            return;
        }
        CompletableFuture<Response> answer = answer(call.getType());
        if (answer == null) {
            HttpExchanges.respond(exchange, 501, "The embedded master does not serve " + call.getType());
            return;
        }
        Response response = HttpExchanges.await(exchange, answer, PATIENCE);
        if (response == null) {
            return;
        }
        byte[] bytes = accept.get() == MediaType.JSON ? json(response) : response.toByteArray();
        exchange.getResponseHeaders().set("Content-Type", accept.get().value());
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    /** Real Mesos answers these 202 with no body once applied, 400 or 409 with its reason otherwise. */
    private CompletableFuture<CallResult> reservation(Call call, Optional<String> principal) {
        if (call.getType() == Call.Type.RESERVE_RESOURCES) {
            if (!call.hasReserveResources()) {
                return CompletableFuture.completedFuture(CallResult.badRequest(
                        "Failed to validate master::Call: Expecting 'reserve_resources' to be present"));
            }
            Call.ReserveResources reserve = call.getReserveResources();
            return master.operatorReservation(true, reserve.getAgentId(), reserve.getResourcesList(), principal);
        }
        if (!call.hasUnreserveResources()) {
            return CompletableFuture.completedFuture(CallResult.badRequest(
                    "Failed to validate master::Call: Expecting 'unreserve_resources' to be present"));
        }
        Call.UnreserveResources unreserve = call.getUnreserveResources();
        return master.operatorReservation(false, unreserve.getAgentId(), unreserve.getResourcesList(), principal);
    }

    /** The master's answer to a read-only call; null for a call this master does not serve. */
    private CompletableFuture<Response> answer(Call.Type type) {
        Response.Builder response = Response.newBuilder().setType(Response.Type.valueOf(type.name()));
        switch (type) {
            case GET_HEALTH:
                return CompletableFuture.completedFuture(response
                        .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)).build());
            case GET_VERSION:
                return master.read(m -> response.setGetVersion(Response.GetVersion.newBuilder()
                        .setVersionInfo(MesosVersion.info(m.startMillis()))).build());
            case GET_STATE:
                return master.read(m -> response.setGetState(OperatorView.state(m)).build());
            case GET_AGENTS:
                return master.read(m -> response.setGetAgents(OperatorView.agents(m)).build());
            case GET_FRAMEWORKS:
                return master.read(m -> response.setGetFrameworks(OperatorView.frameworks(m)).build());
            case GET_TASKS:
                return master.read(m -> response.setGetTasks(OperatorView.tasks(m)).build());
            case GET_EXECUTORS:
                return master.read(m -> response.setGetExecutors(OperatorView.executors(m)).build());
            default:
                return null;
        }
    }

    private static byte[] json(Response response) throws IOException {
        ObjectNode tree = MesosJson.toTree(response);
        addEmptyLists(tree);
        return JSON.writeValueAsBytes(tree);
    }

    private static void addEmptyLists(ObjectNode node) {
        node.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode child) {
                for (String list : LISTS.getOrDefault(field.getKey(), List.of())) {
                    if (!child.has(list)) {
                        child.putArray(list);
                    }
                }
                addEmptyLists(child);
            }
        });
    }
}
