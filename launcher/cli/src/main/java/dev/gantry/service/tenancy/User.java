package dev.gantry.service.tenancy;

import java.util.Optional;

/**
 * A user of {@code gantry serve}, in one team, known by the SHA-256 of their API token (hex); a
 * user without one cannot log in yet ({@link TokenIssuer} gives them a token).
 */
public record User(String name, String team, String tokenSha256) {
    public Optional<String> tokenHash() {
        return Optional.ofNullable(tokenSha256);
    }

    @Override
    public String toString() {
        // The hash is not a secret, but has no place in logs either.
        return "user " + name + " (" + team + ")";
    }
}
