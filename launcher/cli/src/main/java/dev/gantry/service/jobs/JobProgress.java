package dev.gantry.service.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job's {@code progress.jsonl} (written by its driver, {@code dev.gantry.run.ProgressFile})
 * from a byte offset: only whole lines, each one JSON object, and the offset after the last. The
 * driver is a peer, so each read is bounded: at most {@link #MAX_READ} bytes, and a line longer
 * than {@link #MAX_LINE} (or no JSON object) is skipped and replaced by a note saying so.
 *
 * <p>A line still being written (no newline yet) waits for the next read, unless the job is final:
 * then no more can come, and what is there is read as the last line. A driver killed mid-line
 * left such a fragment; the next attempt's driver ends it with a newline before writing on, so it
 * reads as one unreadable line.
 */
public final class JobProgress {
    public static final String FILE = "progress.jsonl";
    /** The most bytes one read takes from the file. */
    public static final int MAX_READ = 1024 * 1024;
    /** A longer line is no progress event of Gantry's; skipped. */
    public static final int MAX_LINE = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private JobProgress() {}

    /**
     * @param jobFinal whether the job's state was final before this read: then a last line without its
     *     newline is complete, and a read that reaches the end is the last one
     */
    public static ProgressChunk read(Path file, long offset, boolean jobFinal) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        byte[] data;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            int length = (int) Math.max(0, Math.min(MAX_READ, size - offset));
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads until the buffer is full or the file ends
            }
            data = buffer.array();
            if (buffer.position() < length) {
                data = java.util.Arrays.copyOf(data, buffer.position());
            }
        } catch (NoSuchFileException e) {
            return new ProgressChunk(List.of(), offset, jobFinal);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<ProgressChunk.Event> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                event(data, start, i, offset, events);
                start = i + 1;
            }
        }
        boolean wholeFileRead = offset + data.length >= size;
        int rest = data.length - start;
        if (rest > MAX_LINE || (rest > 0 && jobFinal && wholeFileRead)) {
            // A line past the bound is skipped whole, however much of it is yet to be read (its tail then
            // reads as one more unreadable line); a fragment the ended driver left is its last line.
            event(data, start, data.length, offset, events);
            start = data.length;
        }
        long next = offset + start;
        return new ProgressChunk(List.copyOf(events), next, jobFinal && next >= size);
    }

    private static void event(byte[] data, int from, int to, long offset, List<ProgressChunk.Event> events) {
        int length = to - from;
        // The offset after the line and its newline: where a reader that got this event goes on.
        long end = offset + Math.min(data.length, to + 1);
        if (length == 0 || (length == 1 && data[from] == '\r')) {
            return;
        }
        if (length > MAX_LINE) {
            events.add(new ProgressChunk.Event(end,
                    skipped(offset + from, "it is longer than " + MAX_LINE + " bytes")));
            return;
        }
        try {
            JsonNode node = JSON.readTree(new String(data, from, length, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode object && object.path("type").isTextual()) {
                events.add(new ProgressChunk.Event(end, object));
                return;
            }
            events.add(new ProgressChunk.Event(end, skipped(offset + from, "it is no progress event")));
        } catch (JsonProcessingException e) {
            events.add(new ProgressChunk.Event(end, skipped(offset + from,
                    "it is no JSON (a line cut short by a killed driver, say)")));
        }
    }

    private static ObjectNode skipped(long at, String why) {
        return JSON.createObjectNode().put("type", "note")
                .put("line", "gantry: skipped the progress line at byte " + at + ": " + why);
    }
}
