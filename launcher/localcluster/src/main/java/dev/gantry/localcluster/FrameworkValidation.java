package dev.gantry.localcluster;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * Mesos' checks on a FrameworkInfo at SUBSCRIBE and UPDATE_FRAMEWORK. A failed SUBSCRIBE is
 * answered on the event stream with an ERROR event, as Mesos does, not with an HTTP status.
 */
final class FrameworkValidation {
    private FrameworkValidation() {}

    // Mesos still reads and writes the deprecated role fields for frameworks without
    // RESERVATION_REFINEMENT (and for the legacy single role), so the embedded master must too.
    @SuppressWarnings("deprecation")
    static Optional<String> validate(FrameworkInfo info, List<String> suppressedRoles) {
        boolean multiRole = info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
        if (multiRole && info.hasRole()) {
            return Optional.of("'FrameworkInfo.role' must not be set when the MULTI_ROLE capability is set");
        }
        if (!multiRole && info.getRolesCount() > 0) {
            return Optional.of("'FrameworkInfo.roles' must be empty unless the MULTI_ROLE capability is set");
        }
        List<String> roles = multiRole ? info.getRolesList()
                : List.of(info.hasRole() ? info.getRole() : ResourceVector.UNRESERVED);
        Set<String> seen = new HashSet<>();
        for (String role : roles) {
            if (!role.equals(ResourceVector.UNRESERVED)) {
                Optional<String> invalid = RoleNames.validate(role);
                if (invalid.isPresent()) {
                    return Optional.of("'FrameworkInfo.roles': " + invalid.get());
                }
            }
            if (!seen.add(role)) {
                return Optional.of("'FrameworkInfo.roles' contains duplicate role '" + role + "'");
            }
        }
        for (String role : suppressedRoles) {
            if (!seen.contains(role)) {
                return Optional.of("Suppressed role '" + role + "' is not contained in the framework's roles");
            }
        }
        if (info.hasFailoverTimeout() && (info.getFailoverTimeout() < 0 || Double.isNaN(info.getFailoverTimeout()))) {
            return Optional.of("'FrameworkInfo.failover_timeout' must be a non-negative number of seconds");
        }
        return Optional.empty();
    }
}
