package dev.gantry.service.store;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which jobs {@link JobStore#list} returns: any of some states (none: no job), of a team, of a user, oldest
 * (lowest id) first unless {@link #newestFirst()} ({@code descending}), at most {@code limit}. Each part is optional:
 * {@code JobQuery.all().inStates(JobState.waiting()).ofTeam("vision")}.
 */
public record JobQuery(Set<JobState> states, String team, String user, boolean descending, int limit) {
    public JobQuery {
        states = states.isEmpty() ? EnumSet.noneOf(JobState.class) : EnumSet.copyOf(states);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    public static JobQuery all() {
        return new JobQuery(EnumSet.allOf(JobState.class), null, null, false, Integer.MAX_VALUE);
    }

    public JobQuery inStates(Collection<JobState> wanted) {
        return new JobQuery(wanted.isEmpty() ? EnumSet.noneOf(JobState.class) : EnumSet.copyOf(wanted), team, user,
                descending, limit);
    }

    public JobQuery inStates(JobState first, JobState... more) {
        return inStates(EnumSet.of(first, more));
    }

    public JobQuery ofTeam(String wanted) {
        return new JobQuery(states, Objects.requireNonNull(wanted), user, descending, limit);
    }

    public JobQuery ofUser(String wanted) {
        return new JobQuery(states, team, Objects.requireNonNull(wanted), descending, limit);
    }

    public JobQuery newestFirst() {
        return new JobQuery(states, team, user, true, limit);
    }

    public JobQuery limit(int most) {
        return new JobQuery(states, team, user, descending, most);
    }
}
