package dev.gantry.localcluster;

import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * Which changes a known framework may make to its FrameworkInfo, as a Mesos 1.x master decides.
 * The principal never changes (it is what the framework authenticated as). The user and checkpoint
 * cannot change either (MESOS-703: running tasks and agents depend on them), but a resubscription
 * asking to is still accepted with the old values, while UPDATE_FRAMEWORK is refused.
 */
final class FrameworkInfoUpdate {
    private FrameworkInfoUpdate() {}

    /** Why a resubscription with {@code next} is refused (sent as an ERROR event); empty if it is not. */
    static Optional<String> refuseResubscription(FrameworkInfo current, FrameworkInfo next) {
        if (!current.getPrincipal().equals(next.getPrincipal())) {
            return Optional.of("Changing framework's principal is not allowed.");
        }
        return Optional.empty();
    }

    /** What a resubscription with {@code next} makes of the framework: {@code next}, keeping user and checkpoint. */
    static FrameworkInfo resubscribed(FrameworkInfo current, FrameworkInfo next) {
        FrameworkInfo.Builder kept = next.toBuilder().setUser(current.getUser());
        if (current.hasCheckpoint()) {
            kept.setCheckpoint(current.getCheckpoint());
        } else {
            kept.clearCheckpoint();
        }
        return kept.build();
    }

    /** Why UPDATE_FRAMEWORK with {@code next} is refused (400); empty if it is not. */
    static Optional<String> refuseUpdate(FrameworkInfo current, FrameworkInfo next) {
        String prefix = "FrameworkInfo update is not valid: ";
        Optional<String> principal = refuseResubscription(current, next);
        if (principal.isPresent()) {
            return Optional.of(prefix + principal.get());
        }
        if (!current.getUser().equals(next.getUser())) {
            return Optional.of(prefix + "Updating 'FrameworkInfo.user' is unsupported; attempted to update from '"
                    + current.getUser() + "' to '" + next.getUser() + "'");
        }
        if (current.getCheckpoint() != next.getCheckpoint()) {
            return Optional.of(prefix + "Updating 'FrameworkInfo.checkpoint' is unsupported; attempted to update"
                    + " from '" + current.getCheckpoint() + "' to '" + next.getCheckpoint() + "'");
        }
        return Optional.empty();
    }
}
