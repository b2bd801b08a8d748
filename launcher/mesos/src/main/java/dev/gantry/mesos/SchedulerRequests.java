package dev.gantry.mesos;

import dev.gantry.protocol.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** The HTTP requests of the scheduler API, with the headers the master checks. */
final class SchedulerRequests {
    static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

    private final MediaType mediaType;
    private final Credential credential;
    private final Duration timeout;

    /**
     * @param credential sent preemptively: Mesos answers a request without one with 401 rather
     *     than a challenge worth a second round trip; may be null
     * @param timeout until the master's answer headers arrive (an event stream may then run for days)
     */
    SchedulerRequests(MediaType mediaType, Credential credential, Duration timeout) {
        this.mediaType = mediaType;
        this.credential = credential;
        this.timeout = timeout;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** SUBSCRIBE: asks for events in the chosen media type and, being the call that opens a stream, carries no stream id. */
    HttpRequest subscribe(URI endpoint, Call call) {
        return post(endpoint, call).header("Accept", mediaType.value()).build();
    }

    /** Any call but SUBSCRIBE, made on its own connection and tied to the stream by its id. */
    HttpRequest call(URI endpoint, String streamId, Call call) {
        return post(endpoint, call).header(STREAM_ID_HEADER, streamId).build();
    }

    private HttpRequest.Builder post(URI endpoint, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(timeout)
                .header("Content-Type", mediaType.value())
                .POST(HttpRequest.BodyPublishers.ofByteArray(mediaType.encode(call)));
        if (credential != null) {
            request.header("Authorization", credential.basicAuthorization());
        }
        return request;
    }
}
