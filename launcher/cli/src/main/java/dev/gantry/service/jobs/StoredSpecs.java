package dev.gantry.service.jobs;

import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobResult;
import dev.gantry.service.store.JobState;
import dev.gantry.service.store.JobStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked spec of each stored job, read once per job and kept while the service runs. A spec
 * that no longer reads (a newer Gantry with stricter rules, after a restart) ends its job FAILED
 * with the reason, instead of stopping the whole queue at every tick.
 */
final class StoredSpecs {
    private static final Logger LOG = LoggerFactory.getLogger(StoredSpecs.class);

    private final JobStore store;
    private final Clock clock;
    private final Map<Long, CheckedJob> checked = new HashMap<>();

    StoredSpecs(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Remembers a spec checked at submission, so it is not read again. */
    void remember(long id, CheckedJob job) {
        synchronized (checked) {
            checked.put(id, job);
        }
    }

    Optional<CheckedJob> of(Job job) {
        synchronized (checked) {
            CheckedJob known = checked.get(job.id());
            if (known != null) {
                return Optional.of(known);
            }
        }
        try {
            CheckedJob read = SpecCheck.reread(job.specYaml());
            remember(job.id(), read);
            return Optional.of(read);
        } catch (SubmissionRejectedException e) {
            LOG.error("job {}: {}", job.id(), e.getMessage());
            if (job.state().isWaiting()) {
                store.finish(job.id(), job.state(), JobState.FAILED,
                        JobResult.failed(null, "the stored spec no longer reads: " + e.getMessage()), clock.instant(),
                        "the stored spec no longer reads");
            }
            return Optional.empty();
        }
    }
}
