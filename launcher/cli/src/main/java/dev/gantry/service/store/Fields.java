package dev.gantry.service.store;

import java.util.Objects;
import java.util.regex.Pattern;

/** The checks the store's records share: each names the field that is wrong. */
final class Fields {
    /** Team and user names: what a URL path, a Mesos label and a log line all take unquoted. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Fields() {}

    static void name(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, '.', '_' or '-' (starting"
                    + " with a letter or digit), got '" + value + "'");
        }
    }

    static void text(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " has " + value.length() + " characters, more than " + max);
        }
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\0')) {
            throw new IllegalArgumentException(field + " must be one line");
        }
    }

    /**
     * One line of at most {@code max} characters: the first line of {@code text}, cut with "..."
     * when longer. For messages (reasons, errors), which must not be lost for being long.
     */
    static String oneLine(String text, int max) {
        Objects.requireNonNull(text);
        String line = text.strip();
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end).strip();
        }
        line = line.replace('\r', ' ').replace('\0', ' ');
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }
}
