package dev.gantry.service.api;

import java.util.Locale;
import java.util.Set;

/**
 * The content types a job spec may come as: YAML under its registered and its older names, and
 * JSON (which is YAML, so the text goes to the service as is). UTF-8 only, as {@code gantry run}
 * reads spec files.
 */
final class SpecContentType {
    static final Set<String> ACCEPTED = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            "application/json");

    private SpecContentType() {}

    static void check(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.unsupportedMediaType("a job spec needs a Content-Type: application/yaml, text/yaml or"
                    + " application/json");
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED.contains(type)) {
            throw ApiException.unsupportedMediaType("Content-Type '" + type + "' is not a job spec: send"
                    + " application/yaml, text/yaml or application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw ApiException.unsupportedMediaType("charset '" + parameter[1].trim() + "' is not supported: send"
                        + " UTF-8");
            }
        }
    }
}
