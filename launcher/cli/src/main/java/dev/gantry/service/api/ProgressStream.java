package dev.gantry.service.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.service.jobs.JobService;
import dev.gantry.service.jobs.ProgressChunk;
import dev.gantry.service.store.Job;
import dev.gantry.service.store.NoSuchJobException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A job's progress as server-sent events ({@code text/event-stream}): each line of its progress
 * file as one event whose id is the file offset after it, so that a browser's EventSource that
 * reconnects with {@code Last-Event-ID} goes on where it stopped; an {@code event: state} whenever
 * the job's state changes (the first event says the state at the start); a comment now and then so
 * that proxies keep the connection; and {@code event: end} once the job is final and the file read
 * to its end. The file is polled: the driver writes it on another machine perhaps, where nothing
 * could tell the service it grew.
 */
final class ProgressStream implements ApiResponse.Stream {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often the file is looked at, and how long the stream may stay silent. */
    record Timing(Duration poll, Duration keepAlive) {
        static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    private final JobService jobs;
    private final long id;
    private final long startOffset;
    private final Timing timing;

    ProgressStream(JobService jobs, long id, long startOffset, Timing timing) {
        this.jobs = jobs;
        this.id = id;
        this.startOffset = startOffset;
        this.timing = timing;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        long offset = startOffset;
        String state = null;
        long lastWrite = System.nanoTime();
        while (true) {
            Optional<Job> job = jobs.job(id);
            if (job.isEmpty()) {
                end(out, state);
                return;
            }
            boolean wrote = false;
            if (!job.get().state().name().equals(state)) {
                state = job.get().state().name();
                write(out, "event: state\ndata: " + JSON.writeValueAsString(Map.of("state", state)) + "\n\n");
                wrote = true;
            }
            ProgressChunk chunk;
            try {
                chunk = jobs.progress(id, offset);
            } catch (NoSuchJobException e) {
                end(out, state);
                return;
            }
            for (ProgressChunk.Event event : chunk.events()) {
                write(out, "id: " + event.end() + "\ndata: " + JSON.writeValueAsString(event.json()) + "\n\n");
                wrote = true;
            }
            offset = chunk.nextOffset();
            if (chunk.complete()) {
                // The chunk read the job's state after this loop did: the final state may be news.
                String last = jobs.job(id).map(j -> j.state().name()).orElse(state);
                if (!last.equals(state)) {
                    state = last;
                    write(out, "event: state\ndata: " + JSON.writeValueAsString(Map.of("state", state)) + "\n\n");
                }
                end(out, state);
                return;
            }
            long now = System.nanoTime();
            if (wrote) {
                out.flush();
                lastWrite = now;
            } else if (now - lastWrite >= timing.keepAlive().toNanos()) {
                write(out, ": keep-alive\n\n");
                out.flush();
                lastWrite = now;
            }
            // A chunk with events may have stopped at the read bound: read on at once until caught up.
            if (chunk.events().isEmpty()) {
                Thread.sleep(timing.poll().toMillis());
            }
        }
    }

    private static void end(OutputStream out, String state) throws IOException {
        write(out, "event: end\ndata: " + JSON.writeValueAsString(state == null ? Map.of() : Map.of("state", state))
                + "\n\n");
        out.flush();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
