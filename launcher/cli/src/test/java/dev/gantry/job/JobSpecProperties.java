package dev.gantry.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class JobSpecProperties {

    /** Every whole-number field of the spec, found from the records, so a new one is covered without edits here. */
    private static final List<String> WHOLE_NUMBER_FIELDS = SpecFields.ROOT.leaves().stream()
            .filter(f -> f.type() == Integer.class || f.type() == Long.class)
            .map(SpecFields::path)
            .toList();

    @Property
    void anyWholeNumberFieldReadsBackAsOverridden(@ForAll("wholeNumberFields") String path,
                                                  @ForAll @IntRange(min = 2, max = 64) int value) {
        JobSpec spec = Specs.read(Specs.MINIMAL, path + "=" + value);

        JsonNode written = JobSpecYaml.MAPPER.valueToTree(spec);
        assertThat(written.at("/" + path.replace('.', '/')).asLong()).isEqualTo(value);
        assertThat(Specs.read(JobSpecYaml.write(spec))).isEqualTo(spec);
    }

    @Property
    void anySparkKeyIsOneKeyDotsIncludedAndItsValueIsTakenAsWritten(@ForAll("sparkKeys") String key,
                                                                    @ForAll("texts") String value) {
        JobSpec spec = Specs.read(Specs.MINIMAL, "spark." + key + "=" + value);

        assertThat(spec.sparkConf()).containsEntry(key, value);
        assertThat(Specs.read(JobSpecYaml.write(spec)).spark()).containsEntry(key, value);
    }

    @Provide
    Arbitrary<String> wholeNumberFields() {
        return Arbitraries.of(WHOLE_NUMBER_FIELDS);
    }

    @Provide
    Arbitrary<String> sparkKeys() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('A', 'Z', '_', '-').ofMinLength(1).ofMaxLength(8)
                .list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
    }

    @Provide
    Arbitrary<String> texts() {
        // Anything a person can type on one line, including YAML's own signs (: # [ { ~ ' ").
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
    }
}
