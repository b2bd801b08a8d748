package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class JvmOptionsTest {
    private static final List<String> SPARK_OPTIONS = List.of(JavaModuleOptions.defaultModuleOptionArray());

    @Test
    void theScriptIsGivenSparksOwnList() {
        assertThat(JvmOptions.sparkDriver()).containsExactlyElementsOf(SPARK_OPTIONS).isNotEmpty();
    }

    @Test
    void surefireAndFailsafeArgLinesCarryEverySparkOption() throws Exception {
        // Maven runs tests with the module directory as working directory; the flags live in the parent pom.
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("..", "..", "pom.xml").toFile());
        Map<String, String> properties = properties(pom);
        for (String plugin : List.of("maven-surefire-plugin", "maven-failsafe-plugin")) {
            String argLine = resolve(argLine(pom, plugin), properties);
            assertThat(Arrays.asList(argLine.trim().split("\\s+"))).as("%s argLine", plugin)
                    .containsAll(SPARK_OPTIONS);
        }
    }

    @Test
    void thisTestJvmWasStartedWithThem() {
        // The pom's argLine is what reaches the JVM only when no other configuration overrides it.
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(SPARK_OPTIONS);
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new HashMap<>();
        NodeList blocks = pom.getDocumentElement().getElementsByTagName("properties");
        for (int i = 0; i < blocks.getLength(); i++) {
            for (Node n = blocks.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(e.getTagName(), e.getTextContent());
                }
            }
        }
        return properties;
    }

    /** The one argLine configured for the plugin, wherever the plugin appears (management or build). */
    private static String argLine(Document pom, String artifactId) {
        List<String> found = new java.util.ArrayList<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(child(plugin, "artifactId"))) {
                NodeList argLines = plugin.getElementsByTagName("argLine");
                for (int j = 0; j < argLines.getLength(); j++) {
                    found.add(argLines.item(j).getTextContent());
                }
            }
        }
        assertThat(found).as("argLines of %s in the parent pom", artifactId).hasSize(1);
        return found.get(0);
    }

    private static String child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static String resolve(String text, Map<String, String> properties) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            assertThat(value).as("property %s", m.group(1)).isNotNull();
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return m.appendTail(resolved).toString();
    }
}
