package dev.gantry.mesos;

import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every client test against a {@link ScriptedMaster} sets up: the master, a listener, a client to close. */
abstract class ScriptedMasterTest {
    static final Duration WAIT = Duration.ofSeconds(5);

    ScriptedMaster master;
    final RecordingListener listener = new RecordingListener();
    SchedulerClient client;

    /** The framework the test subscribes as. */
    abstract FrameworkInfo info();

    @BeforeEach
    void startScriptedMaster() throws Exception {
        master = new ScriptedMaster();
    }

    @AfterEach
    void stopClientAndMaster() {
        if (client != null) {
            client.close();
        }
        master.close();
    }

    /** A client for the scripted master with short backoff, so retries show within a test. */
    SchedulerClient.Builder builder() {
        return SchedulerClient.builder()
                .master(master.uri())
                .frameworkInfo(info())
                .listener(listener)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100));
    }
}
