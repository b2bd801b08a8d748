package dev.gantry.cli;

import dev.gantry.service.api.ApiSettings;
import dev.gantry.service.client.ServiceClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that talk to {@code gantry serve}: where it is, and where the token is. */
final class ServiceOptions {
    static final String ENVIRONMENT = "GANTRY_SERVICE";
    static final String DEFAULT_SERVICE = "http://127.0.0.1:" + ApiSettings.DEFAULT_PORT;

    @Option(names = "--service", paramLabel = "URL", description = "The Gantry service, e.g. http://gpu-head:8088"
            + " (default: $" + ENVIRONMENT + ", else " + DEFAULT_SERVICE + ").")
    String service;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is your API token"
            + " (default: $" + ServiceToken.ENVIRONMENT + ", else ~/.gantry/token). Never give the token itself on"
            + " the command line.")
    Path tokenFile;

    /** A client of the service these options (or the environment) name, with the token found. */
    ServiceClient client(ServiceAccess access) {
        URI url = url(service != null ? service : orDefault(access.environment().apply(ENVIRONMENT)));
        return new ServiceClient(url, ServiceToken.find(tokenFile, access.environment(), access.home()));
    }

    private static String orDefault(String fromEnvironment) {
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_SERVICE : fromEnvironment.trim();
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null
                    && url.getUserInfo() == null && url.getQuery() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Answered below.
        }
        throw new IllegalArgumentException("service '" + text + "' is not an http:// or https:// URL such as "
                + DEFAULT_SERVICE);
    }
}
