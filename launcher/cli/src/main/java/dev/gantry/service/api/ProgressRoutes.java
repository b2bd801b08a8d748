package dev.gantry.service.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.ProgressChunk;
import dev.gantry.service.store.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A job's live progress and its report, for its team: the events of its progress file from an
 * offset, as one JSON answer or as a stream of server-sent events, and its {@code report.html}
 * once written.
 */
final class ProgressRoutes {
    /** A report is a page of plots, a few MiB at most; anything far larger is not one to serve whole. */
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;
    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final JobService jobs;
    private final TeamJobs teamJobs;
    private final ProgressStream.Timing timing;

    ProgressRoutes(JobService jobs, ProgressStream.Timing timing) {
        this.jobs = jobs;
        this.teamJobs = new TeamJobs(jobs);
        this.timing = timing;
    }

    record Progress(List<ObjectNode> events, long nextOffset, boolean complete) {}

    Router addTo(Router router) {
        return router
                .route("GET", "/api/v1/jobs/" + Router.PART + "/progress", this::progress)
                .route("GET", "/api/v1/jobs/" + Router.PART + "/progress/stream", this::stream)
                .route("GET", "/api/v1/jobs/" + Router.PART + "/report", this::report);
    }

    private ApiResponse progress(ApiRequest request) {
        QueryParams query = request.query().allowing(Set.of("offset"));
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        ProgressChunk chunk = jobs.progress(job.id(), query.number("offset", 0, Long.MAX_VALUE, 0));
        return ApiResponse.ok(new Progress(chunk.events().stream().map(ProgressChunk.Event::json).toList(),
                chunk.nextOffset(), chunk.complete()));
    }

    private ApiResponse stream(ApiRequest request) {
        QueryParams query = request.query().allowing(Set.of("offset"));
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        long offset = query.number("offset", 0, Long.MAX_VALUE, 0);
        // A reconnecting EventSource says where it stopped; that wins over the URL's first offset.
        String last = request.exchange().getRequestHeaders().getFirst("Last-Event-ID");
        if (last != null && !last.isBlank()) {
            if (!last.strip().matches("[0-9]{1,18}")) {
                throw ApiException.badRequest("Last-Event-ID", "Last-Event-ID must be an offset this stream gave, not '"
                        + (last.length() > 40 ? last.substring(0, 40) + "..." : last) + "'");
            }
            offset = Long.parseLong(last.strip());
        }
        return ApiResponse.streaming(EVENT_STREAM, new ProgressStream(jobs, job.id(), offset, timing))
                // Proxies such as nginx would otherwise hold events back to fill their buffers.
                .withHeader("X-Accel-Buffering", "no");
    }

    private ApiResponse report(ApiRequest request) throws IOException {
        request.query().allowing(Set.of());
        Job job = teamJobs.ofCaller(request.jobId(0), request.caller());
        Path report = jobs.report(job.id())
                .orElseThrow(() -> ApiException.notFound("job " + job.id() + " has no report (yet)"));
        byte[] page;
        try {
            if (Files.size(report) > MAX_REPORT_BYTES) {
                throw ApiException.notFound("job " + job.id() + "'s report is over " + (MAX_REPORT_BYTES >> 20)
                        + " MiB; read report.html in its output directory");
            }
            page = Files.readAllBytes(report);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("job " + job.id() + " has no report (yet)");
        }
        // The page is the driver's: in a sandbox of its own origin, its scripts (plots) cannot reach the API's.
        return new ApiResponse(200, "text/html; charset=utf-8", page,
                Map.of("Content-Security-Policy", "sandbox allow-scripts"));
    }
}
