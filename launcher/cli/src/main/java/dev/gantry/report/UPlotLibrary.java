package dev.gantry.report;

import dev.gantry.web.WebJarAsset;
import java.util.Locale;

/**
 * uPlot's script and style from its WebJar (the version is the pom's), to inline into the page:
 * the report must open offline, so it links nothing. Read once per JVM: every report of a
 * process inlines the same bytes.
 */
final class UPlotLibrary {
    static final String WEBJAR = "uplot";
    static final String SCRIPT_FILE = "dist/uPlot.iife.min.js";
    static final String STYLE_FILE = "dist/uPlot.min.css";

    private UPlotLibrary() {}

    /** {@code <style>} with uPlot's CSS. */
    static String style() {
        return Holder.STYLE;
    }

    /** {@code <script>} that defines the global {@code uPlot}. */
    static String script() {
        return Holder.SCRIPT;
    }

    private static final class Holder {
        static final String STYLE = inline("style", WebJarAsset.text(WEBJAR, STYLE_FILE));
        static final String SCRIPT = inline("script", WebJarAsset.text(WEBJAR, SCRIPT_FILE));

        /**
         * Raw text inside {@code <script>} or {@code <style>} ends at the first "</script" or
         * "</style", and "<!--" in a script changes where it ends: a library that contains one
         * would break the page, so refuse it here rather than write a broken report.
         */
        private static String inline(String tag, String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("</" + tag) || lower.contains("<!--")) {
                throw new IllegalStateException("uPlot's " + tag + " contains </" + tag + " or <!--; it cannot be "
                        + "inlined as is");
            }
            return "<" + tag + ">\n" + text.strip() + "\n</" + tag + ">\n";
        }
    }
}
