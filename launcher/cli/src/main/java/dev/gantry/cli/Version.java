package dev.gantry.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = GantryCli.class.getPackage().getImplementationVersion();
        return new String[] {"gantry " + (version == null ? "development" : version)};
    }
}
