package dev.gantry.service.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Events of a job's progress file from an offset: each with the offset after its line, where the
 * next read starts, and whether the file is complete (the job is final and all of it was read), so
 * a follower knows when to stop.
 */
public record ProgressChunk(List<Event> events, long nextOffset, boolean complete) {
    /** One line's JSON object, and the file offset just past the line. */
    public record Event(long end, ObjectNode json) {
        public Event {
            Objects.requireNonNull(json, "json");
        }

        public String type() {
            return json.path("type").asText();
        }
    }

    public ProgressChunk {
        events = List.copyOf(events);
        if (nextOffset < 0) {
            throw new IllegalArgumentException("next offset must be 0 or more, got " + nextOffset);
        }
    }
}
