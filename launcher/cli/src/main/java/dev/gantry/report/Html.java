package dev.gantry.report;

/**
 * Escaping for everything the report did not write itself: job names, hosts, paths and ids come
 * from users and from the cluster, and one stray {@code <} must not become markup or script.
 */
final class Html {
    private Html() {}

    /** Safe in element content and in double- or single-quoted attributes; null becomes "". */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Like {@link #escape}, with a visible placeholder for what is not known. */
    static String orUnknown(String text) {
        return text == null || text.isBlank() ? "<span class=\"unknown\">unknown</span>" : escape(text);
    }
}
