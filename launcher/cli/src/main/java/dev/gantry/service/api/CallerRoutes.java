package dev.gantry.service.api;

import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.QueueEntry;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the caller sees beyond single jobs: who they are, and the queue. The queue shows every
 * team's waiting jobs, since a job's place depends on all of them; of another team's jobs only the
 * id, team, position and reason (no name, user or size: those are that team's business).
 */
final class CallerRoutes {
    private final JobService jobs;

    CallerRoutes(JobService jobs) {
        this.jobs = jobs;
    }

    record Caller(String user, String team) {}

    /** Name, user, priority and gpus are left out (null) for other teams' jobs. */
    record Entry(int position, long jobId, String team, String name, String user, Integer priority, Integer gpus,
            String reason) {}

    record Queue(List<Entry> queue) {}

    Router addTo(Router router) {
        return router
                .route("GET", "/api/v1/whoami", this::whoami)
                .route("GET", "/api/v1/queue", this::queue);
    }

    private ApiResponse whoami(ApiRequest request) {
        request.query().allowing(Set.of());
        return ApiResponse.ok(new Caller(request.caller().name(), request.caller().team()));
    }

    private ApiResponse queue(ApiRequest request) {
        request.query().allowing(Set.of());
        String team = request.caller().team();
        List<QueueEntry> entries = jobs.queue();
        Map<Long, Job> own = jobs.jobs(JobQuery.all().ofTeam(team).inStates(JobState.waiting())).stream()
                .collect(Collectors.toMap(Job::id, Function.identity()));
        return ApiResponse.ok(new Queue(entries.stream().map(e -> {
            Job job = e.team().equals(team) ? own.get(e.jobId()) : null;
            return job == null
                    ? new Entry(e.position(), e.jobId(), e.team(), null, null, null, null, e.reason())
                    : new Entry(e.position(), e.jobId(), e.team(), job.name(), job.user(), job.priority(), job.gpus(),
                            e.reason());
        }).toList()));
    }
}
