package dev.gantry.service.api;

import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.LogChunk;
import dev.gantry.service.jobs.LogName;
import dev.gantry.service.store.Job;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's logs: which there are, and a part of one. A part comes as raw bytes (a log need not be
 * UTF-8, and a part may end inside a character), with where the next read starts and whether the
 * log is complete in headers, so a follower ({@code gantry logs -f}) knows when to stop.
 */
final class LogRoutes {
    /** The most bytes one request returns: enough for a screenful of history, little enough to hold. */
    static final int MAX_LENGTH = 1024 * 1024;
    static final String NEXT_OFFSET = "X-Gantry-Next-Offset";
    static final String COMPLETE = "X-Gantry-Log-Complete";
    static final String NAME = "X-Gantry-Log-Name";

    private final JobService jobs;
    private final TeamJobs teamJobs;

    LogRoutes(JobService jobs) {
        this.jobs = jobs;
        this.teamJobs = new TeamJobs(jobs);
    }

    record Log(String name, String process, int attempt, String stream) {}

    record Logs(List<Log> logs) {}

    Router addTo(Router router) {
        return router
                .route("GET", "/api/v1/jobs/" + Router.PART + "/logs", this::names)
                .route("GET", "/api/v1/jobs/" + Router.PART + "/logs/" + Router.PART, this::part);
    }

    private ApiResponse names(ApiRequest request) {
        request.query().allowing(Set.of());
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        return ApiResponse.ok(new Logs(jobs.logs(job.id()).stream()
                .map(n -> new Log(n.toString(), n.process(), n.attempt(), n.stream().file())).toList()));
    }

    private ApiResponse part(ApiRequest request) {
        QueryParams query = request.query().allowing(Set.of("offset", "length"));
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        long offset = query.number("offset", 0, Long.MAX_VALUE, 0);
        int length = (int) query.number("length", 1, MAX_LENGTH, MAX_LENGTH);
        LogName name;
        try {
            // Without @ATTEMPT a name means the latest attempt's log.
            name = LogName.parse(request.part(1), Math.max(1, job.attempts()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("name", e.getMessage());
        }
        if (!jobs.logs(job.id()).contains(name)) {
            throw ApiException.notFound("job " + job.id() + " has no log " + name + " (yet)");
        }
        LogChunk chunk = jobs.log(job.id(), name, offset, length);
        return new ApiResponse(200, "application/octet-stream", chunk.data(), Map.of(
                NAME, name.toString(),
                NEXT_OFFSET, Long.toString(chunk.nextOffset()),
                COMPLETE, Boolean.toString(chunk.complete()).toLowerCase(Locale.ROOT)));
    }
}
