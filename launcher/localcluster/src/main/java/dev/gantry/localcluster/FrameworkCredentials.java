package dev.gantry.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The principals and secrets frameworks authenticate with, read like the Mesos master's
 * {@code --credentials} file: JSON {@code {"credentials":[{"principal":..,"secret":..}]}}, or one
 * "principal secret" pair per line. Secrets never appear in {@link #toString()} or in errors.
 */
public final class FrameworkCredentials {
    private final Map<String, byte[]> secrets;

    private FrameworkCredentials(Map<String, byte[]> secrets) {
        this.secrets = Collections.unmodifiableMap(secrets);
    }

    public static FrameworkCredentials of(Map<String, String> principalToSecret) {
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        principalToSecret.forEach((p, s) -> secrets.put(p, s.getBytes(StandardCharsets.UTF_8)));
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("credentials: no principal given");
        }
        return new FrameworkCredentials(secrets);
    }

    /** Reads a credentials file; errors name the file and line, never a secret. */
    public static FrameworkCredentials read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("credentials file " + file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(trimmed);
            } catch (IOException e) {
                throw new IllegalArgumentException("credentials file " + file + ": not valid JSON");
            }
            JsonNode list = root.path("credentials");
            if (!list.isArray()) {
                throw new IllegalArgumentException("credentials file " + file + ": expected a \"credentials\" array");
            }
            for (JsonNode entry : list) {
                String principal = entry.path("principal").asText("");
                String secret = entry.path("secret").asText("");
                if (principal.isEmpty() || secret.isEmpty()) {
                    throw new IllegalArgumentException("credentials file " + file
                            + ": every entry needs \"principal\" and \"secret\"");
                }
                pairs.put(principal, secret);
            }
        } else {
            String[] lines = text.split("\\R");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("credentials file " + file + " line " + (i + 1)
                            + ": expected 'principal secret'");
                }
                pairs.put(parts[0], parts[1]);
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("credentials file " + file + ": no credentials in it");
        }
        return of(pairs);
    }

    /**
     * The principal an {@code Authorization: Basic} header proves, if it names a known principal
     * with its secret.
     */
    public Optional<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorizationHeader.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair = new String(decoded, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String principal = pair.substring(0, colon);
        byte[] expected = secrets.get(principal);
        byte[] given = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison, so response timing does not reveal how much of a secret matched.
        if (expected == null || !MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    @Override
    public String toString() {
        return "FrameworkCredentials" + secrets.keySet();
    }
}
