package dev.gantry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebJarAssetTest {
    @Test
    void findsAFileOfAWebJarUnderTheVersionTheJarDeclares() {
        WebJarAsset script = WebJarAsset.locate("uplot", "dist/uPlot.iife.min.js");

        assertThat(script.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(script.resourcePath())
                .isEqualTo("META-INF/resources/webjars/uplot/" + script.version() + "/dist/uPlot.iife.min.js");
        assertThat(script.text()).contains("uPlot").hasSizeGreaterThan(10_000);
        assertThat(new String(script.bytes(), StandardCharsets.UTF_8)).isEqualTo(script.text());
        assertThat(WebJarAsset.text("uplot", "dist/uPlot.min.css")).contains(".uplot");
    }

    @Test
    void aMissingWebJarOrFileSaysWhatWasLookedFor() {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> WebJarAsset.locate(empty, "uplot", "dist/uPlot.iife.min.js"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("WebJar uplot is not on the classpath")
                    .hasMessageContaining("META-INF/maven/org.webjars.npm|org.webjars|org.webjars.bower/uplot/pom.properties")
                    .hasMessageContaining("org.webjars.npm:uplot");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        String version = WebJarAsset.locate("uplot", "dist/uPlot.min.css").version();
        assertThatThrownBy(() -> WebJarAsset.locate("uplot", "dist/no-such.js"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WebJar uplot " + version + " has no file dist/no-such.js (looked for META-INF/resources/"
                        + "webjars/uplot/" + version + "/dist/no-such.js on the classpath)");
    }

    @Test
    void filesOutsideTheWebJarCannotBeNamed() {
        for (String file : new String[] {"../../maven/org.webjars.npm/uplot/pom.properties", "/etc/passwd", "dist//x",
                "dist/./x", "", "dist\\x"}) {
            assertThatThrownBy(() -> WebJarAsset.locate("uplot", file)).as(file)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WebJarAsset.locate("../uplot", "dist/uPlot.min.css"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
