package dev.gantry.localcluster;

import java.util.List;
import java.util.Map;

/** The scenario suite against the embedded master. */
class EmbeddedMasterScenariosIT extends MasterScenarios {
    @Override
    MasterUnderTest start(List<AgentSpec> agents, Map<String, String> credentials) throws Exception {
        return MasterUnderTest.embedded(agents, credentials);
    }
}
