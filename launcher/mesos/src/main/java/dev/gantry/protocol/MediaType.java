package dev.gantry.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.mesos.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.protobuf.Message;

/** The two encodings of Mesos' v1 HTTP API, each able to encode and decode a message. */
public enum MediaType {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String value;

    MediaType(String value) {
        this.value = value;
    }

    /** The header value, e.g. {@code application/x-protobuf}. */
    public String value() {
        return value;
    }

    public byte[] encode(Message message) {
        return this == PROTOBUF ? message.toByteArray() : MesosJson.print(message).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a body into {@code builder}'s type. JSON keys naming no field, and values of optional
     * or repeated enums that this side does not know, are skipped, as a Mesos master and a Mesos
     * client do, so newer peers stay compatible.
     *
     * @throws IllegalArgumentException when the body does not decode
     */
    @SuppressWarnings("unchecked")
    public <M extends Message> M decode(byte[] body, Message.Builder builder) {
        if (this == JSON) {
            return MesosJson.parse(body, builder, MesosJson.UnknownFields.IGNORE);
        }
        try {
            return (M) builder.mergeFrom(body).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed protobuf: " + e.getMessage(), e);
        } catch (org.apache.mesos.protobuf.UninitializedMessageException e) {
            throw new IllegalArgumentException("malformed protobuf: " + e.getMessage(), e);
        }
    }

    /**
     * The media type a {@code Content-Type} header names, ignoring parameters such as
     * {@code charset} and letter case (RFC 9110 media types are case-insensitive).
     */
    public static Optional<MediaType> fromContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String bare = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (MediaType type : values()) {
            if (type.value.equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The media type to answer with for an {@code Accept} header, preferring JSON when both are
     * acceptable as Mesos does; empty when neither is. No header means anything is acceptable.
     */
    public static Optional<MediaType> fromAccept(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(JSON);
        }
        boolean json = false;
        boolean protobuf = false;
        for (String range : header.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (zeroQuality(parts)) {
                continue;
            }
            switch (type) {
                case "*/*":
                case "application/*":
                    json = true;
                    protobuf = true;
                    break;
                case "application/json":
                    json = true;
                    break;
                case "application/x-protobuf":
                    protobuf = true;
                    break;
                default:
                    break;
            }
        }
        if (json) {
            return Optional.of(JSON);
        }
        return protobuf ? Optional.of(PROTOBUF) : Optional.empty();
    }

    private static boolean zeroQuality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (parameter.equals("q=0") || parameter.matches("q=0\\.0{0,3}")) {
                return true;
            }
        }
        return false;
    }
}
