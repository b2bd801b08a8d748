package dev.gantry.mesos;

import dev.gantry.protocol.MediaType;
import java.io.InputStream;
import java.net.URI;

/** How a SUBSCRIBE to a master ended. */
sealed interface SubscribeOutcome {

    /** 200: the event stream is open. */
    record Connected(URI endpoint, String streamId, MediaType mediaType, InputStream body) implements SubscribeOutcome {}

    /** Worth another try, at another master or later: no connection, no leader yet, a 5xx, a broken exchange. */
    record Unavailable(String reason) implements SubscribeOutcome {}

    /** Trying again cannot help: the master refused the framework or its credential, or is no Mesos master. */
    record Refused(String reason) implements SubscribeOutcome {}
}
