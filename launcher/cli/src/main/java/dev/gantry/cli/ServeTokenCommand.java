package dev.gantry.cli;

import dev.gantry.service.tenancy.TokenIssuer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gantry serve token USER}: a new API token for a user of the tenancy file (added to a team
 * with {@code --team}). The file keeps only the token's hash; the token is printed once, on standard
 * output alone, so that it can go straight into a file: {@code gantry serve token bob --team nlp >
 * bob.token}. A running service reads the file at its start: restart it for a new user.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Issues a new API token for USER: prints it once; the tenancy file keeps only its hash.")
final class ServeTokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "The user the token is for.")
    String user;

    @Option(names = "--team", description = "The team of a user not yet in the file.")
    String team;

    @Option(names = "--tenancy", paramLabel = "FILE", description = "The tenancy file (default: ~/.gantry/serve/tenancy.yaml).")
    Path tenancyFile;

    @Override
    public Integer call() {
        Path file = tenancyFile != null ? tenancyFile
                : Path.of(System.getProperty("user.home"), ".gantry", "serve", "tenancy.yaml");
        String token = TokenIssuer.issue(file, user, team);
        spec.commandLine().getOut().println(token);
        return 0;
    }
}
