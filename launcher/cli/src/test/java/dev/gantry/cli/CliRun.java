package dev.gantry.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in this JVM as a person would from a shell, capturing what it prints. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        return with(CommandLine.defaultFactory(), args);
    }

    /** Runs with commands made by {@code factory}, e.g. one given a test's collaborators. */
    static CliRun with(CommandLine.IFactory factory, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = GantryCli.run(factory, args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
