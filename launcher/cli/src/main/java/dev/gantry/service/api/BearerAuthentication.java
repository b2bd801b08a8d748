package dev.gantry.service.api;

import com.sun.net.httpserver.Headers;
import dev.gantry.service.tenancy.User;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who sends a request: the user whose API token is in {@code Authorization: Bearer <token>}.
 * Messages never repeat the header or the token, so neither reaches an answer or a log.
 */
final class BearerAuthentication {
    static final String HEADER = "Authorization";
    private static final String SCHEME = "bearer ";

    private final Function<String, Optional<User>> authenticator;

    BearerAuthentication(Function<String, Optional<User>> authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    User caller(Headers headers) {
        List<String> values = headers.get(HEADER);
        if (values == null || values.isEmpty()) {
            throw ApiException.unauthorized("missing API token: send 'Authorization: Bearer TOKEN'");
        }
        if (values.size() > 1) {
            throw ApiException.unauthorized("more than one Authorization header");
        }
        String value = values.get(0);
        if (value.length() <= SCHEME.length() || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer TOKEN'");
        }
        return authenticator.apply(value.substring(SCHEME.length()).trim())
                .orElseThrow(() -> ApiException.unauthorized("unknown API token"));
    }
}
