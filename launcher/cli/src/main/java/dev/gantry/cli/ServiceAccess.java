package dev.gantry.cli;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * What the service commands read from the process besides their options: the environment
 * ($GANTRY_SERVICE, $GANTRY_TOKEN) and the home directory (~/.gantry/token). Given, so a test
 * never reads the tester's own token.
 */
record ServiceAccess(UnaryOperator<String> environment, Path home) {
    static ServiceAccess ofThisProcess() {
        return new ServiceAccess(System::getenv, Path.of(System.getProperty("user.home")));
    }
}
