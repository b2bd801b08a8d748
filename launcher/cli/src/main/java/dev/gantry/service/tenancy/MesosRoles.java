package dev.gantry.service.tenancy;

/**
 * Mesos' rules for role names (src/common/roles.cpp): not empty, not "." or "..", no leading '-',
 * no whitespace, backslash or control characters; hierarchical roles ("eng/vision") follow the
 * same rules for every part between slashes. A team may not take the default role "*", which no
 * quota or weight can single out.
 */
final class MesosRoles {
    private MesosRoles() {}

    /** Null for a valid team role; else what is wrong with it, to follow "role 'x' ". */
    static String problem(String role) {
        if (role.equals("*")) {
            return "is Mesos' default role, which every framework shares: give the team a role of its own";
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return "must not start or end with '/'";
        }
        for (int i = 0; i < role.length(); i++) {
            char c = role.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                return "must not contain whitespace, backslashes or control characters";
            }
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty()) {
                return "must not contain '//'";
            }
            if (part.equals(".") || part.equals("..")) {
                return "must not have '.' or '..' as a part";
            }
            if (part.startsWith("-")) {
                return "must not have a part starting with '-'";
            }
        }
        return null;
    }
}
