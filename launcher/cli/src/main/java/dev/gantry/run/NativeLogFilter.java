package dev.gantry.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Copies the driver's stderr to ours, leaving out TensorFlow's native informational lines. Since
 * TF 2.17 some of them go through absl, which ignores {@code TF_CPP_MIN_LOG_LEVEL} and logs before
 * anyone can set it up, so only the stream can drop them. Warnings and errors, TensorFlow's
 * included, pass through.
 */
final class NativeLogFilter implements Runnable {
    /**
     * glog/absl's prefix for an INFO line, {@code I1204 13:07:37.092904   25187 file.cc:401] }; before
     * absl is set up the time reads {@code 00:00:<seconds since 1970>}.
     */
    private static final Pattern INFO_LINE = Pattern.compile("^I\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*");
    private static final String ABSL_NOTICE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

    private final InputStream from;
    private final PrintStream to;

    NativeLogFilter(InputStream from, PrintStream to) {
        this.from = from;
        this.to = to;
    }

    static boolean keeps(String line) {
        return !line.equals(ABSL_NOTICE) && !INFO_LINE.matcher(line).matches();
    }

    @Override
    public void run() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (keeps(line)) {
                    to.println(line);
                }
            }
        } catch (IOException closed) {
            // The driver is gone; nothing more will come.
        }
    }
}
