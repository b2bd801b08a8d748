package dev.gantry.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI of {@code gantry serve} in a real browser (headless Chromium through WebDriver), over
 * real processes: {@code gantry cluster start}, the service, a TensorFlow job's driver and worker.
 * Alice logs in with her token, submits a job, watches its loss curve grow while it trains, reads a
 * worker's log, sees on the cluster page that her job holds both GPUs, and cancels it; Bob, of
 * another team, cannot open her job and sees only her team's name on the GPUs. Screenshots of each
 * step are kept in {@code target/ui-screenshots}.
 */
class WebUiIT {
    private static final Pattern API = Pattern.compile("API on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    Path temp;

    private GantryProcesses processes;

    @BeforeEach
    void processes() {
        processes = new GantryProcesses(temp);
    }

    @AfterEach
    void stopAll() {
        processes.close();
    }

    @Test
    void aTeamMemberSubmitsWatchesReadsLogsAndCancelsAndAnotherTeamSeesNone() throws Exception {
        Process cluster = processes.start(temp.resolve("cluster.log"), "cluster", "start", "--port", "0", "--agents", "1",
                "--gpus", "2", "--cpus", "6", "--mem", "12288", "--work-dir", temp.resolve("sandboxes").toString());
        String master = ServeScenario.awaitLine(temp.resolve("cluster.log"), ServeScenario.MASTER, cluster);
        Path tenancy = temp.resolve("tenancy.yaml");
        Files.writeString(tenancy, ServiceTests.TWO_TEAMS);
        String alice = processes.token("alice", tenancy);
        String bob = processes.token("bob", tenancy);
        Process service = processes.start(temp.resolve("serve.log"), "serve", "--master", master, "--tenancy",
                tenancy.toString(), "--data-dir", temp.resolve("service").toString(), "--port", "0");
        String api = ServeScenario.awaitLine(temp.resolve("serve.log"), API, service);

        try (HeadlessBrowser browser = HeadlessBrowser.start(SCREENSHOTS)) {
            // The service's root is the UI, which asks for a token first.
            browser.open(api + "/");
            logIn(browser, alice, "alice (vision)");
            browser.screenshot("1-jobs-empty");

            // Submit through the page; it opens the new job.
            // A job that trains until cancelled.
            browser.find("#spec").sendKeys(ServiceTests.twoGpuJob("ui-long", 100_000, ""));
            browser.find("#submit").click();
            browser.await("the job's page", d -> d.getCurrentUrl().endsWith("#/jobs/1"));
            browser.await("job 1 running", d -> state(browser).equals("RUNNING"));

            // The loss curve grows while the job trains: points arrive over the progress stream.
            int first = browser.await("a first point of the loss curve", d -> points(browser) > 0 ? points(browser) : null);
            browser.await("more points than " + first, d -> points(browser) > first);
            assertThat(state(browser)).isEqualTo("RUNNING");
            assertThat(browser.driver().findElements(By.cssSelector("#loss-chart canvas"))).isNotEmpty();
            assertThat(browser.text("#job-spec")).contains("name: ui-long");
            browser.await("the placement", d -> !d.findElements(By.cssSelector("#placement tr")).isEmpty());
            browser.screenshot("2-job-training");

            // A worker's log, tailed through the agent's sandbox.
            WebElement logs = browser.find("#log-name");
            browser.await("worker 0's log among the logs", d -> logs.findElements(
                    By.cssSelector("option[value='worker-0.stderr@1']")).size() == 1);
            new Select(logs).selectByValue("worker-0.stderr@1");
            // The executor JVM's own stderr: what it prints first (the TensorFlow runtime's lines) varies, but never nothing.
            browser.await("worker 0's log text", d -> !browser.text("#log-text").isBlank());
            assertThat(browser.text("#log-status")).isIn("following", "complete");
            browser.screenshot("3-worker-log");

            // The cluster page: both GPUs of the agent are held by job 1.
            browser.find("#nav-cluster").click();
            browser.await("both GPUs held by job 1", d -> d.findElements(By.cssSelector(".gpu[data-job='1']")).size() == 2);
            assertThat(browser.text(".gpu[data-job='1']")).contains("job 1 ui-long").contains("team vision");
            browser.screenshot("4-cluster");
            // The embedded cluster's own page (gantry cluster start) shows the same from the master's state.
            browser.open(master.replace("mesos://", "http://") + "/");
            browser.await("both GPUs held on the cluster's page", d -> d.findElements(
                    By.cssSelector(".gpu.held")).size() == 2);
            browser.screenshot("4b-embedded-cluster-page");
            browser.open(api + "/ui/#/jobs");

            // Bob, of the speech team, sees neither the job nor its name.
            browser.find("#logout").click();
            logIn(browser, bob, "bob (speech)");
            browser.await("Bob's empty job list", d -> d.findElements(By.cssSelector("#jobs tr[data-job='1']")).isEmpty()
                    && !d.findElements(By.cssSelector("#jobs")).isEmpty());
            browser.open(api + "/ui/#/jobs/1");
            browser.await("a refusal", d -> browser.text("#job-error").contains("belongs to another team"));
            assertThat(browser.text("main")).doesNotContain("ui-long");
            browser.find("#nav-cluster").click();
            browser.await("the GPUs held by the other team", d -> d.findElements(
                    By.cssSelector(".gpu[data-job='1']")).size() == 2);
            assertThat(browser.text("#agents")).contains("team vision").doesNotContain("ui-long");
            browser.screenshot("5-other-team");

            // Alice cancels her job from its page.
            browser.find("#logout").click();
            logIn(browser, alice, "alice (vision)");
            browser.open(api + "/ui/#/jobs/1");
            browser.click("#job-header button.cancel");
            browser.await("job 1 cancelled", d -> state(browser).equals("CANCELLED"));
            browser.screenshot("6-cancelled");
        }
    }

    private static void logIn(HeadlessBrowser browser, String token, String whoami) {
        browser.find("#token").sendKeys(token);
        browser.find("#login").click();
        browser.await("logged in as " + whoami, d -> browser.text("#whoami").equals(whoami));
    }

    private static String state(HeadlessBrowser browser) {
        return browser.attribute("#job-header .state", "data-state");
    }

    private static int points(HeadlessBrowser browser) {
        String points = browser.attribute("#loss-chart", "data-points");
        return points.isEmpty() ? 0 : Integer.parseInt(points);
    }
}
