package dev.gantry.service.api;

import dev.gantry.service.tenancy.ApiTokens;
import dev.gantry.service.tenancy.User;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Users for tests of the API: alice and bob of team vision, carol of team nlp, each with a fresh token. */
public final class TestUsers {
    public static final User ALICE = new User("alice", "vision", null);
    public static final User BOB = new User("bob", "vision", null);
    public static final User CAROL = new User("carol", "nlp", null);

    public final String aliceToken = ApiTokens.generate();
    public final String bobToken = ApiTokens.generate();
    public final String carolToken = ApiTokens.generate();

    public Function<String, Optional<User>> authenticator() {
        Map<String, User> byToken = Map.of(aliceToken, ALICE, bobToken, BOB, carolToken, CAROL);
        return token -> Optional.ofNullable(byToken.get(token));
    }

    public String[] all() {
        return new String[] {aliceToken, bobToken, carolToken};
    }
}
