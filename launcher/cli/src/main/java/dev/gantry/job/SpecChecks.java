package dev.gantry.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The few checks every section of a spec repeats, each failing with a one-line {@link JobSpecException}. */
final class SpecChecks {
    private SpecChecks() {}

    static <T> T required(T value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new JobSpecException("missing required field '" + field + "'");
        }
        return value;
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new JobSpecException(message);
        }
    }

    /**
     * Runs a constructor of a training type, whose validation messages already name the spec field
     * (training's records were written for this spec), as a {@link JobSpecException}.
     */
    static <T> T building(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new JobSpecException(e.getMessage());
        }
    }

    /** An unmodifiable copy that keeps the order the spec wrote, so generated settings read in that order too. */
    static Map<String, String> orderedCopy(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static List<Integer> listCopy(List<Integer> list, List<Integer> fallback) {
        return list == null ? fallback : List.copyOf(list);
    }
}
