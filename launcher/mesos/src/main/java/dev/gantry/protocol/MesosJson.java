package dev.gantry.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.protobuf.Descriptors.Descriptor;
import org.apache.mesos.protobuf.Descriptors.EnumValueDescriptor;
import org.apache.mesos.protobuf.Descriptors.FieldDescriptor;
import org.apache.mesos.protobuf.Message;

/**
 * Mesos' JSON mapping of protobuf messages, as its HTTP API speaks it: proto field names, enums
 * by name, bytes in base64, 64-bit integers as JSON numbers, maps as objects.
 *
 * <p>Hand-written on purpose: protobuf's own {@code JsonFormat} is built against
 * {@code com.google.protobuf}, while Gantry uses the Mesos jar whose protobuf runtime is relocated
 * to {@code org.apache.mesos.protobuf} (so it never clashes with Spark's or TensorFlow's
 * protobuf 4). The mapping also follows Mesos rather than proto3 JSON: Mesos prints 64-bit
 * integers as numbers and accepts numbers given as strings ({@code "Infinity"}).
 */
public final class MesosJson {

    /** How a parse treats JSON keys that name no field of the message, and enum values it does not know. */
    public enum UnknownFields {
        /**
         * Skip them, as a Mesos master does: newer peers may send fields, or values of an optional
         * or repeated enum, that this side does not know. The field stays unset (a repeated one
         * lacks that element), as a proto2 binary parse leaves it. An unknown value of a required
         * enum is still an error, in Mesos too: the message would be incomplete.
         */
        IGNORE,
        /** Reject them: for conformance checks and for input a person typed. */
        REJECT
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MesosJson() {}

    /** Prints a message as compact JSON. */
    public static String print(Message message) {
        return toTree(message).toString();
    }

    /** Prints a message as indented JSON, for people. */
    public static String printPretty(Message message) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always prints", e);
        }
    }

    /** The message as a Jackson tree; only fields that are set appear. */
    public static ObjectNode toTree(Message message) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            Object value = entry.getValue();
            if (field.isMapField()) {
                ObjectNode map = object.putObject(field.getName());
                for (Object item : (List<?>) value) {
                    Message mapEntry = (Message) item;
                    Descriptor entryType = mapEntry.getDescriptorForType();
                    Object key = mapEntry.getField(entryType.findFieldByName("key"));
                    FieldDescriptor valueField = entryType.findFieldByName("value");
                    map.set(String.valueOf(key), toNode(valueField, mapEntry.getField(valueField)));
                }
            } else if (field.isRepeated()) {
                ArrayNode array = object.putArray(field.getName());
                for (Object item : (List<?>) value) {
                    array.add(toNode(field, item));
                }
            } else {
                object.set(field.getName(), toNode(field, value));
            }
        }
        return object;
    }

    private static JsonNode toNode(FieldDescriptor field, Object value) {
        switch (field.getType()) {
            case DOUBLE:
                return floating((Double) value);
            case FLOAT:
                return floating(((Float) value).doubleValue());
            case INT32:
            case SINT32:
            case SFIXED32:
                return NODES.numberNode((Integer) value);
            case UINT32:
            case FIXED32:
                return NODES.numberNode(Integer.toUnsignedLong((Integer) value));
            case INT64:
            case SINT64:
            case SFIXED64:
                return NODES.numberNode((Long) value);
            case UINT64:
            case FIXED64:
                return NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) value)));
            case BOOL:
                return NODES.booleanNode((Boolean) value);
            case STRING:
                return NODES.textNode((String) value);
            case BYTES:
                return NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM:
                return NODES.textNode(((EnumValueDescriptor) value).getName());
            case MESSAGE:
            case GROUP:
                return toTree((Message) value);
            default:
                throw new IllegalStateException("unhandled protobuf type " + field.getType());
        }
    }

    private static JsonNode floating(double value) {
        if (Double.isNaN(value)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(value)) {
            return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.numberNode(value);
    }

    /**
     * Parses JSON into {@code builder}'s message type.
     *
     * @throws MesosJsonException naming the path of the first offending field
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M parse(String json, Message.Builder builder, UnknownFields unknown) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MesosJsonException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MesosJsonException("empty body: expected a JSON object");
        }
        return (M) parse(tree, builder, unknown);
    }

    /** Parses UTF-8 JSON bytes; see {@link #parse(String, Message.Builder, UnknownFields)}. */
    public static <M extends Message> M parse(byte[] json, Message.Builder builder, UnknownFields unknown) {
        return parse(new String(json, StandardCharsets.UTF_8), builder, unknown);
    }

    /** Parses a Jackson tree; required fields must be present. */
    public static Message parse(JsonNode tree, Message.Builder builder, UnknownFields unknown) {
        merge(tree, builder, unknown, "");
        if (!builder.isInitialized()) {
            throw new MesosJsonException("missing required fields: "
                    + String.join(", ", builder.findInitializationErrors()));
        }
        return builder.build();
    }

    private static void merge(JsonNode node, Message.Builder builder, UnknownFields unknown, String path) {
        Descriptor type = builder.getDescriptorForType();
        if (!node.isObject()) {
            throw new MesosJsonException(where(path) + "expected an object for " + type.getName());
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            FieldDescriptor field = type.findFieldByName(name);
            String fieldPath = path.isEmpty() ? name : path + "." + name;
            if (field == null) {
                if (unknown == UnknownFields.REJECT) {
                    throw new MesosJsonException(where(fieldPath) + "no such field in " + type.getFullName());
                }
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            if (field.isMapField()) {
                mergeMap(value, builder, field, unknown, fieldPath);
            } else if (field.isRepeated()) {
                if (!value.isArray()) {
                    throw new MesosJsonException(where(fieldPath) + "expected an array");
                }
                for (int i = 0; i < value.size(); i++) {
                    String itemPath = fieldPath + "[" + i + "]";
                    Object item = fromNode(value.get(i), builder, field, unknown, itemPath);
                    if (item != null) {
                        builder.addRepeatedField(field, item);
                    }
                }
            } else {
                Object single = fromNode(value, builder, field, unknown, fieldPath);
                if (single != null) {
                    builder.setField(field, single);
                }
            }
        }
    }

    private static void mergeMap(JsonNode value, Message.Builder builder, FieldDescriptor field,
                                 UnknownFields unknown, String path) {
        if (!value.isObject()) {
            throw new MesosJsonException(where(path) + "expected an object (a map)");
        }
        Descriptor entryType = field.getMessageType();
        FieldDescriptor keyField = entryType.findFieldByName("key");
        FieldDescriptor valueField = entryType.findFieldByName("value");
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String entryPath = path + "[" + entry.getKey() + "]";
            Message.Builder entryBuilder = builder.newBuilderForField(field);
            entryBuilder.setField(keyField,
                    fromNode(NODES.textNode(entry.getKey()), entryBuilder, keyField, unknown, entryPath));
            Object entryValue = fromNode(entry.getValue(), entryBuilder, valueField, unknown, entryPath);
            if (entryValue == null) {
                continue;
            }
            entryBuilder.setField(valueField, entryValue);
            builder.addRepeatedField(field, entryBuilder.build());
        }
    }

    /** The field's value; null for an enum value to skip (see {@link UnknownFields#IGNORE}). */
    private static Object fromNode(JsonNode node, Message.Builder parent, FieldDescriptor field,
                                   UnknownFields unknown, String path) {
        switch (field.getType()) {
            case DOUBLE:
                return floatingOf(node, path);
            case FLOAT:
                return (float) floatingOf(node, path);
            case INT32:
            case SINT32:
            case SFIXED32:
                return integral(node, path, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE))
                        .intValue();
            case UINT32:
            case FIXED32:
                return integral(node, path, BigInteger.ZERO, BigInteger.valueOf(0xFFFF_FFFFL)).intValue();
            case INT64:
            case SINT64:
            case SFIXED64:
                return integral(node, path, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE))
                        .longValue();
            case UINT64:
            case FIXED64:
                return integral(node, path, BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                        .longValue();
            case BOOL:
                if (!node.isBoolean()) {
                    throw new MesosJsonException(where(path) + "expected true or false");
                }
                return node.booleanValue();
            case STRING:
                if (!node.isTextual()) {
                    throw new MesosJsonException(where(path) + "expected a string");
                }
                return node.textValue();
            case BYTES:
                return ByteString.copyFrom(base64(node, path));
            case ENUM: {
                if (!node.isTextual()) {
                    throw new MesosJsonException(where(path) + "expected an enum name of " + field.getEnumType().getName());
                }
                EnumValueDescriptor value = field.getEnumType().findValueByName(node.textValue());
                if (value == null && unknown == UnknownFields.IGNORE && !field.isRequired()) {
                    return null;
                }
                if (value == null) {
                    throw new MesosJsonException(where(path) + "'" + node.textValue() + "' is not a value of "
                            + field.getEnumType().getFullName());
                }
                return value;
            }
            case MESSAGE:
            case GROUP: {
                Message.Builder child = parent.newBuilderForField(field);
                merge(node, child, unknown, path);
                return child.buildPartial();
            }
            default:
                throw new IllegalStateException("unhandled protobuf type " + field.getType());
        }
    }

    private static double floatingOf(JsonNode node, String path) {
        if (node.isTextual()) {
            switch (node.textValue().trim()) {
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                case "NaN":
                    return Double.NaN;
                default:
                    break;
            }
        }
        return number(node, path).doubleValue();
    }

    private static BigDecimal number(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new MesosJsonException(where(path) + "expected a number, got '" + text + "'");
            }
        }
        throw new MesosJsonException(where(path) + "expected a number");
    }

    private static BigInteger integral(JsonNode node, String path, BigInteger min, BigInteger max) {
        BigDecimal decimal = number(node, path);
        BigInteger value;
        try {
            value = decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new MesosJsonException(where(path) + "expected an integer, got " + decimal.toPlainString());
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new MesosJsonException(where(path) + "integer " + value + " is out of range");
        }
        return value;
    }

    private static byte[] base64(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new MesosJsonException(where(path) + "expected base64 text");
        }
        String text = node.textValue();
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException standard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException urlSafe) {
                throw new MesosJsonException(where(path) + "expected base64 text: " + standard.getMessage());
            }
        }
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "'" + path + "': ";
    }
}
