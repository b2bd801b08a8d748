package dev.gantry.service.api;

import dev.gantry.service.jobs.JobPlaces;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.ProgressSummary;
import dev.gantry.service.jobs.Submission;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobQuery;
import dev.gantry.service.store.JobState;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submitting, listing, showing and cancelling jobs: {@code /api/v1/jobs...}. */
final class JobRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(JobRoutes.class);
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final JobService jobs;
    private final TeamJobs teamJobs;
    private final long maxBodyBytes;

    JobRoutes(JobService jobs, long maxBodyBytes) {
        this.jobs = jobs;
        this.teamJobs = new TeamJobs(jobs);
        this.maxBodyBytes = maxBodyBytes;
    }

    Router addTo(Router router) {
        return router
                .route("POST", "/api/v1/jobs", this::submit)
                .route("GET", "/api/v1/jobs", this::list)
                .route("GET", "/api/v1/jobs/" + Router.PART, this::show)
                .route("POST", "/api/v1/jobs/" + Router.PART + "/cancel", this::cancel)
                .route("DELETE", "/api/v1/jobs/" + Router.PART, this::cancel);
    }

    /**
     * Queues the spec in the body. Everything is checked, and the whole body read, before
     * {@link JobService#submit} is called: a request cut short or refused queues nothing.
     */
    private ApiResponse submit(ApiRequest request) throws IOException {
        int priority = (int) request.query().allowing(Set.of("priority"))
                .number("priority", Submission.MIN_PRIORITY, Submission.MAX_PRIORITY, 0);
        SpecContentType.check(request.exchange().getRequestHeaders().getFirst("Content-Type"));
        String spec = RequestBody.utf8(request.exchange(), maxBodyBytes);
        if (spec.isBlank()) {
            throw ApiException.badRequest(null, "the request body is empty: send the job spec");
        }
        Job job = jobs.submit(request.caller(), new Submission(spec, priority));
        return ApiResponse.json(201, JobJson.of(job, request.baseUrl())).withHeader("Location", JobJson.path(job.id()));
    }

    /** The caller's team's jobs, newest first. */
    private ApiResponse list(ApiRequest request) {
        QueryParams query = request.query().allowing(Set.of("state", "user", "limit"));
        JobQuery wanted = JobQuery.all().ofTeam(request.caller().team()).newestFirst()
                .limit((int) query.number("limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
        if (query.text("state").isPresent()) {
            wanted = wanted.inStates(states(query.text("state").get()));
        }
        if (query.text("user").isPresent()) {
            wanted = wanted.ofUser(query.text("user").get());
        }
        return ApiResponse.ok(new JobJson.Jobs(jobs.jobs(wanted).stream()
                .map(job -> JobJson.of(job, request.baseUrl())).toList()));
    }

    /**
     * One job, for its team: with its history and what its page shows besides. The details come from
     * its files and the master; one that cannot be read now is left out rather than failing the page.
     */
    private ApiResponse show(ApiRequest request) {
        request.query().allowing(Set.of());
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        ProgressSummary progress = detail(job, "progress", () -> jobs.progressSummary(job.id()).orElse(null));
        JobPlaces places = detail(job, "sandboxes", () -> jobs.places(job.id()));
        String report = detail(job, "report", () -> jobs.report(job.id()).isPresent()
                ? request.baseUrl() + JobJson.path(job.id()) + "/report" : null);
        JobJson.Details details = new JobJson.Details(progress, job.specYaml(), places == null ? JobPlaces.NONE : places,
                report);
        return ApiResponse.ok(JobJson.withDetails(job, jobs.events(job.id()), details, request.baseUrl()));
    }

    private static <T> T detail(Job job, String what, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.warn("job {}: its {} cannot be shown now: {}", job.id(), what, e.toString());
            return null;
        }
    }

    private ApiResponse cancel(ApiRequest request) {
        request.query().allowing(Set.of());
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        return ApiResponse.ok(JobJson.of(jobs.cancel(job.id(), request.caller()), request.baseUrl()));
    }

    private static Set<JobState> states(String text) {
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        for (String name : text.split(",")) {
            try {
                states.add(JobState.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state", "'" + name.trim() + "' is not a job state (one of "
                        + String.join(", ", EnumSet.allOf(JobState.class).stream().map(Enum::name).toList()) + ")");
            }
        }
        return states;
    }
}
