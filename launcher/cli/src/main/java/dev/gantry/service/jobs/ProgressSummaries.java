package dev.gantry.service.jobs;

import dev.gantry.service.store.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The progress summary of each job whose page was looked at, kept with how far its file was read,
 * so that each look reads only what was written since (a long job's file grows to megabytes). At
 * most {@link #READS_PER_LOOK} bounded reads a look: a page opened on a huge file catches up over a
 * few looks. The least recently looked-at jobs are forgotten past {@link #MAX_JOBS}.
 */
final class ProgressSummaries {
    static final int READS_PER_LOOK = 4;
    static final int MAX_JOBS = 1000;

    private record Read(long offset, ProgressSummary summary, Path file) {}

    private final Map<Long, Read> reads = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Read> eldest) {
            return size() > MAX_JOBS;
        }
    };

    /** Empty while the job has no progress file (not launched yet, or a driver that wrote none). */
    synchronized Optional<ProgressSummary> of(Job job) {
        Optional<Path> file = file(job);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Read read = reads.get(job.id());
        if (read == null || !read.file().equals(file.get())) {
            read = new Read(0, ProgressSummary.NONE, file.get());
        }
        boolean jobFinal = job.state().isFinal();
        for (int i = 0; i < READS_PER_LOOK; i++) {
            ProgressChunk chunk = JobProgress.read(read.file(), read.offset(), jobFinal);
            ProgressSummary summary = read.summary();
            for (ProgressChunk.Event event : chunk.events()) {
                summary = summary.with(event.json());
            }
            boolean more = chunk.nextOffset() > read.offset() && !chunk.complete();
            read = new Read(chunk.nextOffset(), summary, read.file());
            if (!more) {
                break;
            }
        }
        reads.put(job.id(), read);
        return read.offset() == 0 ? Optional.empty() : Optional.of(read.summary());
    }

    /** Where the job's driver writes its progress: in its output directory, once it has one. */
    static Optional<Path> file(Job job) {
        return job.output().map(dir -> Path.of(dir).resolve(JobProgress.FILE));
    }
}
