package dev.gantry.service.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus' text format read back into series, for tests: comments skipped, labels unescaped. */
public record Scrape(List<Series> all) {
    public record Series(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public static Scrape of(String text) {
        List<Series> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line of Prometheus' text format: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\"));
                }
            }
            String value = m.group(4);
            all.add(new Series(m.group(1), Map.copyOf(labels), switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            }));
        }
        return new Scrape(List.copyOf(all));
    }

    public List<Series> series(String name) {
        return all.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one series of {@code name} with exactly these labels. */
    public double value(String name, Map<String, String> labels) {
        List<Series> found = series(name).stream().filter(s -> s.labels().equals(labels)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " series " + name + labels + " in " + series(name));
        }
        return found.get(0).value();
    }

    public double sum(String name) {
        return series(name).stream().mapToDouble(Series::value).sum();
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        all.forEach(s -> names.add(s.name()));
        return names;
    }
}
