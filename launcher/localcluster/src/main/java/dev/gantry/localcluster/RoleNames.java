package dev.gantry.localcluster;

import java.util.Optional;

/** Mesos' rules for role names. */
final class RoleNames {
    private RoleNames() {}

    static Optional<String> validate(String role) {
        if (role.isEmpty()) {
            return Optional.of("role name cannot be empty");
        }
        if (role.equals(".") || role.equals("..")) {
            return Optional.of("role name '" + role + "' is not allowed");
        }
        if (role.startsWith("-")) {
            return Optional.of("role name '" + role + "' cannot start with '-'");
        }
        if (role.startsWith("/") || role.endsWith("/") || role.contains("//")) {
            return Optional.of("role name '" + role + "' has an empty path component");
        }
        for (char c : role.toCharArray()) {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                return Optional.of("role name '" + role + "' contains an invalid character");
            }
        }
        return Optional.empty();
    }
}
