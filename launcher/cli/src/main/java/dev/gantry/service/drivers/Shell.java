package dev.gantry.service.drivers;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for {@code /bin/sh}, which runs a driver task's command. */
final class Shell {
    private Shell() {}

    /** {@code word} as one shell word, whatever it holds: single quotes, each {@code '} written as {@code '\''}. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(Shell::plain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_./=:,+@%".indexOf(c) >= 0;
    }
}
