package dev.gantry.report;

import java.util.List;
import java.util.Objects;

/** Immutable copies that tolerate what a half-filled report carries: a null list, null entries. */
final class Lists {
    private Lists() {}

    static <T> List<T> copyOf(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
