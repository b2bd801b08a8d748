package dev.gantry.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.placement.Amounts;
import dev.gantry.run.AgentView;
import dev.gantry.run.ClusterView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecCheckTest {
    private static final String MASTER = "mesos://127.0.0.1:5050";
    private static final ClusterView TWO_GPUS = new ClusterView(MASTER, true, true, List.of(new AgentView("a1",
            "localhost", new Amounts(8, 16384, 2), new Amounts(8, 16384, 2), "simulated", Map.of())));

    private final SpecCheck check = new SpecCheck(MASTER, () -> TWO_GPUS);

    private static String spec(String resources) {
        return """
                name: mlp
                framework: tensorflow
                model: {kind: mlp, inputShape: [8], classes: 2, hidden: [4]}
                data: {format: synthetic, options: {examples: 256}}
                resources: %s
                """.formatted(resources);
    }

    @Test
    void aGoodSpecGivesTheGangItsShape() {
        CheckedJob job = check.check(Submission.of(spec("{workers: 2, gpusPerWorker: 1}")));
        assertThat(job.workers()).isEqualTo(2);
        assertThat(job.gpus()).isEqualTo(2);
        assertThat(job.name()).isEqualTo("mlp");
    }

    @Test
    void aJsonSpecReadsLikeYaml() {
        String json = "{\"name\": \"j\", \"framework\": \"tensorflow\", \"model\": {\"kind\": \"mlp\", \"inputShape\":"
                + " [8], \"classes\": 2}, \"data\": {\"format\": \"synthetic\"}}";
        assertThat(check.check(Submission.of(json)).name()).isEqualTo("j");
    }

    @Test
    void aBadFieldIsNamed() {
        assertThatThrownBy(() -> check.check(Submission.of(spec("{workers: 0}"))))
                .isInstanceOfSatisfying(SubmissionRejectedException.class, e -> {
                    assertThat(e.field()).contains("resources.workers");
                    assertThat(e.getMessage()).contains("resources.workers").doesNotContain("\n");
                });
    }

    @Test
    void aJobLargerThanTheClusterIsRefusedRatherThanQueuedForever() {
        assertThatThrownBy(() -> check.check(Submission.of(spec("{workers: 3, gpusPerWorker: 1}"))))
                .isInstanceOfSatisfying(SubmissionRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("3 workers", "holds 2"));
    }

    @Test
    void relativeDataPathsAndAnotherMasterAreRefused() {
        String relative = "name: j\nframework: tensorflow\nmodel: {kind: mlp, inputShape: [4], classes: 3}\n"
                + "data: {format: csv, path: data/iris.csv, options: {label: species}}\n";
        assertThatThrownBy(() -> check.check(Submission.of(relative)))
                .isInstanceOfSatisfying(SubmissionRejectedException.class,
                        e -> assertThat(e.field()).contains("data.path"));
        assertThatThrownBy(() -> check.check(Submission.of(spec("{workers: 1}") + "master: mesos://elsewhere:5050\n")))
                .isInstanceOfSatisfying(SubmissionRejectedException.class, e -> assertThat(e.field()).contains("master"));
    }

    @Test
    void aMissingOrUnknownFieldIsNamedToo() {
        assertThatThrownBy(() -> check.check(Submission.of("name: x\nframework: tensorflow\n")))
                .isInstanceOfSatisfying(SubmissionRejectedException.class, e -> assertThat(e.field()).contains("model"));
        assertThatThrownBy(() -> check.check(Submission.of(spec("{workers: 1}") + "trainin: {epochs: 2}\n")))
                .isInstanceOfSatisfying(SubmissionRejectedException.class,
                        e -> assertThat(e.field()).contains("trainin"));
    }

    @Test
    void emptyOrBrokenTextIsOneLine() {
        assertThatThrownBy(() -> check.check(Submission.of("  "))).hasMessageContaining("empty");
        assertThatThrownBy(() -> check.check(Submission.of("name: [unclosed")))
                .isInstanceOf(SubmissionRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
