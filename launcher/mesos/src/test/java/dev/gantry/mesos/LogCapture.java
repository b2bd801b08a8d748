package dev.gantry.mesos;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures everything the client logs, down to TRACE, with stack traces, while open: for
 * asserting what must never reach a log.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private static final String LOGGER = "dev.gantry.mesos";

    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;

    private LogCapture(LoggerContext context) {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
    }

    static LogCapture open() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(context);
        capture.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig logger = new LoggerConfig(LOGGER, Level.ALL, false);
        logger.addAppender(capture, Level.ALL, null);
        configuration.addLogger(LOGGER, logger);
        context.updateLoggers();
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ')
                .append(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
        stop();
    }
}
