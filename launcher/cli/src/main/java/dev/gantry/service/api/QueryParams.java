package dev.gantry.service.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters, each at most once. A wrong one is answered 400 naming it, so a
 * typo ({@code ?limt=5}) is not silently ignored.
 */
final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (values.putIfAbsent(name, value) != null) {
                    throw ApiException.badRequest(name, "parameter '" + name + "' is given more than once");
                }
            }
        }
        return new QueryParams(values);
    }

    /** Refuses any parameter but these. */
    QueryParams allowing(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(name, "unknown parameter '" + name + "'"
                        + (known.isEmpty() ? ": this route takes none" : " (known: " + String.join(", ", new TreeSet<>(known)) + ")"));
            }
        }
        return this;
    }

    Optional<String> text(String name) {
        String value = values.get(name);
        if (value != null && value.isBlank()) {
            throw ApiException.badRequest(name, "parameter '" + name + "' is empty");
        }
        return Optional.ofNullable(value);
    }

    /** The whole number {@code name} gives, between {@code min} and {@code max}; {@code otherwise} when absent. */
    long number(String name, long min, long max, long otherwise) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text.get().trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below, as an out-of-range value is.
        }
        throw ApiException.badRequest(name, "parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ", not '" + text.get() + "'");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, "the query is not URL-encoded: " + e.getMessage());
        }
    }
}
