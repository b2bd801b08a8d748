package dev.gantry.service.tenancy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The teams and users of {@code gantry serve}, as {@link TenancyFile} reads them: who may submit,
 * in which team, under which Mesos role, with which share of the GPUs.
 */
public final class Tenancy {
    private final Map<String, Team> teams;
    private final Map<String, User> users;
    /** Each user with a token and its hash as bytes, for the check. */
    private final List<Map.Entry<User, byte[]>> hashes = new ArrayList<>();

    Tenancy(Map<String, Team> teams, Map<String, User> users) {
        this.teams = Collections.unmodifiableMap(new LinkedHashMap<>(teams));
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        for (User user : users.values()) {
            user.tokenHash().ifPresent(hash -> hashes.add(Map.entry(user, HexFormat.of().parseHex(hash))));
        }
    }

    /** Teams by name, in the file's order. */
    public Map<String, Team> teams() {
        return teams;
    }

    /** Users by name, in the file's order. */
    public Map<String, User> users() {
        return users;
    }

    public Optional<Team> team(String name) {
        return Optional.ofNullable(teams.get(name));
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The team of a user of this tenancy. */
    public Team teamOf(User user) {
        return teams.get(user.team());
    }

    /**
     * The user whose token this is, if any. Takes the same time whichever user (if any) it finds:
     * the presented token's hash is compared with every user's in constant time
     * ({@link MessageDigest#isEqual}) and the loop never stops early.
     */
    public Optional<User> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = ApiTokens.sha256(token);
        User found = null;
        for (Map.Entry<User, byte[]> entry : hashes) {
            boolean match = MessageDigest.isEqual(presented, entry.getValue());
            found = match ? entry.getKey() : found;
        }
        return Optional.ofNullable(found);
    }
}
