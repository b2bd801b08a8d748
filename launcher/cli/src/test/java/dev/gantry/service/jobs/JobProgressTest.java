package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.service.store.Job;
import dev.gantry.service.store.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProgressTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve(JobProgress.FILE), text);
    }

    private static List<String> types(ProgressChunk chunk) {
        return chunk.events().stream().map(ProgressChunk.Event::type).toList();
    }

    @Test
    void givesWholeLinesWithTheOffsetAfterEachAndLeavesALineBeingWrittenForLater() throws IOException {
        String start = "{\"type\":\"start\",\"job\":\"mnist\"}\n";
        String steps = "{\"type\":\"steps\",\"first_step\":1,\"loss\":[2.5]}\n";
        Path file = file(start + steps + "{\"type\":\"st");
        ProgressChunk chunk = JobProgress.read(file, 0, false);
        assertThat(types(chunk)).containsExactly("start", "steps");
        assertThat(chunk.events()).extracting(ProgressChunk.Event::end)
                .containsExactly((long) start.length(), (long) (start + steps).length());
        assertThat(chunk.nextOffset()).isEqualTo(start.length() + steps.length());
        assertThat(chunk.complete()).isFalse();
        assertThat(chunk.events().get(0).json().get("job").asText()).isEqualTo("mnist");

        Files.writeString(file, "ep\",\"step\":5}\n", StandardOpenOption.APPEND);
        ProgressChunk next = JobProgress.read(file, chunk.nextOffset(), false);
        assertThat(types(next)).containsExactly("step");
        assertThat(next.nextOffset()).isEqualTo(Files.size(file));
        ProgressChunk nothingNew = JobProgress.read(file, next.nextOffset(), false);
        assertThat(nothingNew.events()).isEmpty();
        assertThat(nothingNew.nextOffset()).isEqualTo(next.nextOffset());
    }

    @Test
    void isCompleteOnlyWhenTheJobIsFinalAndEverythingWasRead() throws IOException {
        Path file = file("{\"type\":\"start\"}\n{\"type\":\"end\",\"outcome\":\"finished\"}\n");
        assertThat(JobProgress.read(file, 0, false).complete()).isFalse();
        ProgressChunk all = JobProgress.read(file, 0, true);
        assertThat(types(all)).containsExactly("start", "end");
        assertThat(all.complete()).isTrue();
        assertThat(JobProgress.read(dir.resolve("none.jsonl"), 0, true).complete()).as("no file, final job").isTrue();
        ProgressChunk none = JobProgress.read(dir.resolve("none.jsonl"), 0, false);
        assertThat(none.events()).isEmpty();
        assertThat(none.complete()).isFalse();
    }

    @Test
    void aFinalJobsLastLineWithoutItsNewlineIsReadOrSkippedSoTheFileCompletes() throws IOException {
        Path whole = file("{\"type\":\"start\"}\n{\"type\":\"end\"}");
        ProgressChunk chunk = JobProgress.read(whole, 0, true);
        assertThat(types(chunk)).containsExactly("start", "end");
        assertThat(chunk.complete()).isTrue();

        Path cut = file("{\"type\":\"start\"}\n{\"type\":\"ste");
        ProgressChunk skipped = JobProgress.read(cut, 0, true);
        assertThat(types(skipped)).containsExactly("start", "note");
        assertThat(skipped.events().get(1).json().get("line").asText())
                .startsWith("gantry: skipped the progress line at byte 17: it is no JSON");
        assertThat(skipped.complete()).isTrue();
    }

    @Test
    void aLineOverTheBoundOrNotAnEventIsSkippedWithANote() throws IOException {
        String huge = "{\"type\":\"note\",\"line\":\"" + "x".repeat(JobProgress.MAX_LINE) + "\"}\n";
        Path file = file("[1,2]\n" + huge + "{\"type\":\"end\"}\n");
        ProgressChunk chunk = JobProgress.read(file, 0, false);
        assertThat(types(chunk)).containsExactly("note", "note", "end");
        assertThat(chunk.events().get(0).json().get("line").asText()).endsWith("it is no progress event");
        assertThat(chunk.events().get(1).json().get("line").asText())
                .isEqualTo("gantry: skipped the progress line at byte 6: it is longer than 65536 bytes");
        assertThat(chunk.nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void aReadTakesAtMostOneMebibyteAndGoesOnFromWhereItStopped() throws IOException {
        String line = "{\"type\":\"steps\",\"first_step\":1,\"loss\":[" + "1.0,".repeat(2000) + "1.0]}\n";
        int lines = 2 * JobProgress.MAX_READ / line.length() + 3;
        Path file = file(line.repeat(lines));
        long offset = 0;
        int events = 0;
        int reads = 0;
        while (offset < Files.size(file)) {
            ProgressChunk chunk = JobProgress.read(file, offset, false);
            assertThat(chunk.nextOffset() - offset).isPositive().isLessThanOrEqualTo(JobProgress.MAX_READ);
            assertThat(chunk.nextOffset() % line.length()).as("whole lines only").isZero();
            events += chunk.events().size();
            offset = chunk.nextOffset();
            reads++;
        }
        assertThat(events).isEqualTo(lines);
        assertThat(reads).isEqualTo(3);
    }

    @Test
    void aLineStillBeingWrittenPastTheBoundIsSkippedAndItsTailToo() throws IOException {
        Path file = file("{\"type\":\"note\",\"line\":\"" + "x".repeat(JobProgress.MAX_LINE + 10));
        ProgressChunk chunk = JobProgress.read(file, 0, false);
        assertThat(types(chunk)).containsExactly("note");
        assertThat(chunk.nextOffset()).isEqualTo(Files.size(file));
        Files.writeString(file, "xx\"}\n{\"type\":\"end\"}\n", StandardOpenOption.APPEND);
        ProgressChunk rest = JobProgress.read(file, chunk.nextOffset(), false);
        assertThat(types(rest)).containsExactly("note", "end");
    }

    @Test
    void theSummaryHasTheLatestStepLossAccuracyRateAndEtaAndReadsOnlyWhatIsNew() throws IOException {
        Path file = file("""
                {"type":"start","epochs":2,"resumed_from_step":0}
                {"type":"steps","first_step":1,"loss":[2.5,2.0],"samples_per_second":640.0}
                {"type":"step","epoch":1,"step":2,"total_steps":8,"loss":2.0,"samples_per_second":640.0,"eta_seconds":3.0}
                {"type":"epoch","epoch":1,"step":4,"loss":1.9,"validation_accuracy":0.5}
                {"type":"steps","first_step":3,"loss":[1.5,1.25],"samples_per_second":700.0}
                """);
        ProgressSummaries summaries = new ProgressSummaries();
        Job job = job(JobState.RUNNING);
        assertThat(summaries.of(job)).hasValue(new ProgressSummary(4L, 8L, 1, 2, 1.25, 0.5, 700.0, 3.0, null));
        Files.writeString(file, "{\"type\":\"end\",\"outcome\":\"finished\",\"steps\":8}\n", StandardOpenOption.APPEND);
        assertThat(summaries.of(job(JobState.COMPLETED))).hasValueSatisfying(s -> {
            assertThat(s.step()).isEqualTo(8);
            assertThat(s.outcome()).isEqualTo("finished");
            assertThat(s.etaSeconds()).isNull();
        });
        Files.delete(file);
        assertThat(summaries.of(job(JobState.COMPLETED))).as("read before, not again").isPresent();
        assertThat(new ProgressSummaries().of(job(JobState.COMPLETED))).isEmpty();
    }

    private Job job(JobState state) {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        return new Job(7, "vision", "alice", "mnist", "name: mnist\n", state, 0, 1, now, now,
                state.isFinal() ? now : null, 1, 0, null, dir.toString(), null);
    }
}
