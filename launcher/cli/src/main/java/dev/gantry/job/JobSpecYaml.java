package dev.gantry.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The one YAML mapper for job specs, strict where a lenient one would run a different job than
 * the user wrote: unknown fields, fractions for whole numbers, duplicate keys and null list items
 * all fail. Enum values are read in any case and written in lower case, as specs write them.
 */
final class JobSpecYaml {
    static final ObjectMapper MAPPER = mapper();

    private JobSpecYaml() {}

    /** The spec as YAML that reads back to an equal spec, every default written out. */
    static String write(JobSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper mapper() {
        YAMLFactory factory = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .stringQuotingChecker(new ResolverQuoting())
                .build();
        SimpleModule lowerCaseEnums = new SimpleModule("lower-case-enums");
        lowerCaseEnums.addSerializer(Enum.class, new LowerCaseEnum());
        ObjectMapper mapper = YAMLMapper.builder(factory)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                // 0.5 GPUs must not become 0: Jackson would otherwise truncate fractions for whole numbers.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(lowerCaseEnums)
                .build();
        return mapper;
    }

    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnum extends StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;

        LowerCaseEnum() {
            super(Enum.class);
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
