package dev.gantry.service.tenancy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenancy a running service goes by. Watching a file, {@link #current()} reads it again on each
 * call and takes it anew once its text changed, so that a user added, a token issued or a share
 * changed counts at the next request or queue decision, without a restart. The text is compared
 * rather than the file's time and size: two writes within one tick of the file system's clock
 * (milliseconds) can leave both alike. Reading a file of a few kilobytes costs far less than the
 * request or decision that asks.
 *
 * <p>A change is taken whole or not at all: a file that no longer reads, or one with a team in a
 * Mesos role the service did not subscribe with (its framework's roles are fixed when it starts),
 * leaves the tenancy as it was, and one warning line per change of the file says why.
 */
public final class TenancySource {
    private static final Logger LOG = LoggerFactory.getLogger(TenancySource.class);

    private final Path file;
    private final Set<String> roles;
    private Tenancy current;
    /** The text last read, or the problem last met reading it: each is logged once. */
    private String seen;

    private TenancySource(Path file, Tenancy initial) {
        this.file = file;
        this.current = Objects.requireNonNull(initial, "initial");
        this.roles = Collections.unmodifiableSet(roles(initial));
    }

    /** A tenancy that never changes (tests, or a service given one in code). */
    public static TenancySource fixed(Tenancy tenancy) {
        return new TenancySource(null, tenancy);
    }

    /**
     * {@code file}, which read as {@code initial} when the service started; its Mesos roles are the
     * service's for good. The file is read again on the first call, in case it changed since.
     */
    public static TenancySource watching(Path file, Tenancy initial) {
        return new TenancySource(Objects.requireNonNull(file, "file"), initial);
    }

    /** The Mesos roles of the tenancy the service started with: those its framework subscribes with. */
    public Set<String> roles() {
        return roles;
    }

    /** The tenancy as the file says now, or as it was while the file's latest version cannot be taken. */
    public synchronized Tenancy current() {
        if (file == null) {
            return current;
        }
        String text;
        try {
            text = TenancyFile.text(file);
        } catch (TenancyException unreadable) {
            // Gone between an editor's delete and its write, say: the next call looks again.
            if (!unreadable.getMessage().equals(seen)) {
                LOG.warn("{}; the service keeps the tenancy it had", unreadable.getMessage());
                seen = unreadable.getMessage();
            }
            return current;
        }
        if (text.equals(seen)) {
            return current;
        }
        seen = text;
        try {
            Tenancy read = TenancyFile.parse(text, file.toString());
            Set<String> added = roles(read);
            added.removeAll(roles);
            if (!added.isEmpty()) {
                LOG.warn("{} names the Mesos role(s) {}, which this service did not subscribe with; it keeps the"
                        + " tenancy it had until it is restarted", file, added);
                return current;
            }
            if (current.users().size() != read.users().size() || current.teams().size() != read.teams().size()) {
                LOG.info("{} changed: {} user(s) in {} team(s) now", file, read.users().size(), read.teams().size());
            }
            current = read;
        } catch (TenancyException e) {
            LOG.warn("{}; the service keeps the tenancy it had", e.getMessage());
        }
        return current;
    }

    private static Set<String> roles(Tenancy tenancy) {
        Set<String> roles = new TreeSet<>();
        tenancy.teams().values().forEach(team -> roles.add(team.role()));
        return roles;
    }
}
