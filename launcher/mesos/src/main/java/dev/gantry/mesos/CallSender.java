package dev.gantry.mesos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts calls other than SUBSCRIBE and turns the master's answer into a future. */
final class CallSender {
    private static final Logger LOG = LoggerFactory.getLogger(CallSender.class);

    private final HttpClient http;
    private final SchedulerRequests requests;

    CallSender(HttpClient http, SchedulerRequests requests) {
        this.http = http;
        this.requests = requests;
    }

    /**
     * Completes when the master accepts the call: 202, or 200 for UPDATE_FRAMEWORK. A 307 is not
     * followed: the stream id belongs to the master that opened the stream, and a new leader
     * would refuse it; the subscription loop finds the new leader when that stream ends.
     */
    CompletableFuture<Void> send(URI endpoint, String streamId, Call call) {
        int expected = call.getType() == Call.Type.UPDATE_FRAMEWORK ? 200 : 202;
        BoundedText body = new BoundedText();
        LOG.debug("sending {} to {}", call.getType(), endpoint);
        return http.sendAsync(requests.call(endpoint, streamId, call), HttpResponse.BodyHandlers.ofByteArrayConsumer(body))
                .thenApply(response -> {
                    if (response.statusCode() == expected) {
                        return null;
                    }
                    String answer = body.text();
                    if (response.statusCode() == 307) {
                        answer = "the master is no longer the leader (Location: "
                                + response.headers().firstValue("Location").orElse("none") + ")"
                                + (answer.isEmpty() ? "" : "; " + answer);
                    }
                    LOG.debug("{} answered HTTP {}", call.getType(), response.statusCode());
                    throw new MesosCallException(call.getType(), response.statusCode(), answer);
                });
    }
}
