package dev.gantry.localcluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario suite against real Apache Mesos (master and agents from {@code ../shared/mesos} or
 * {@code $MESOS_HOME}); skipped with one line where there is no Mesos.
 */
class RealMesosScenariosIT extends MasterScenarios {
    @TempDir
    static Path workDir;

    @Override
    MasterUnderTest start(List<AgentSpec> agents, Map<String, String> credentials) throws Exception {
        return MasterUnderTest.real(agents, credentials, workDir);
    }
}
