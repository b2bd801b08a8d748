package dev.gantry.service.api;

import dev.gantry.service.jobs.JobPlaces;
import dev.gantry.service.jobs.ProgressSummary;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobEvent;
import dev.gantry.service.store.JobResult;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it. Not the store's record as is: the driver's Mesos ids stay inside the
 * service (they help no user), the spec's text is shown only on a single job's page, to its own
 * team (it may name credentials files), and times are ISO-8601 text in UTC.
 */
final class JobJson {
    private JobJson() {}

    /**
     * {@code events} and the details are null (left out) in lists, where each job's history would cost
     * a query and its details a look at files and the master.
     */
    record Body(long id, String name, String team, String user, String state, int priority, int gpus,
            String submittedAt, String startedAt, String finishedAt, int attempts, double gpuSeconds,
            String outputDirectory, Integer exitCode, String error, String url, List<Event> events,
            ProgressSummary progress, String spec, List<JobPlaces.Sandbox> sandboxes, String sparkUi,
            String report) {}

    /**
     * What a single job's page shows besides: its progress in brief, the spec as submitted, its
     * sandboxes and Spark UI, and the URL of its report; each null where there is none.
     */
    record Details(ProgressSummary progress, String spec, JobPlaces places, String report) {}

    record Event(String at, String from, String to, String reason) {}

    record Jobs(List<Body> jobs) {}

    static Body of(Job job, String baseUrl) {
        return body(job, baseUrl, null, new Details(null, null, JobPlaces.NONE, null));
    }

    static Body withEvents(Job job, List<JobEvent> events, String baseUrl) {
        return withDetails(job, events, new Details(null, null, JobPlaces.NONE, null), baseUrl);
    }

    static Body withDetails(Job job, List<JobEvent> events, Details details, String baseUrl) {
        return body(job, baseUrl, events.stream().map(JobJson::event).toList(), details);
    }

    /** Where the API serves the job, relative to the service's root: also the Location of a new job. */
    static String path(long id) {
        return "/api/v1/jobs/" + id;
    }

    private static Body body(Job job, String baseUrl, List<Event> events, Details details) {
        JobResult result = job.result();
        List<JobPlaces.Sandbox> sandboxes = details.places().sandboxes();
        return new Body(job.id(), job.name(), job.team(), job.user(), job.state().name(), job.priority(), job.gpus(),
                time(job.submittedAt()), time(job.startedAt()), time(job.finishedAt()), job.attempts(),
                job.gpuSeconds(), job.outputDirectory(), result == null ? null : result.exitCode(),
                result == null ? null : result.error(), baseUrl + path(job.id()), events, details.progress(),
                details.spec(), sandboxes.isEmpty() ? null : sandboxes, details.places().sparkUi(), details.report());
    }

    private static Event event(JobEvent event) {
        return new Event(time(event.at()), event.from() == null ? null : event.from().name(), event.to().name(),
                event.reason());
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }
}
