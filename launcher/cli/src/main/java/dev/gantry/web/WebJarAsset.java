package dev.gantry.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * A file of a WebJar on the classpath, such as {@code uplot}'s {@code dist/uPlot.iife.min.js}.
 * The version is read from the WebJar's own {@code pom.properties}, so that the pom's dependency
 * is the one place that names it: a version bump there cannot leave a stale path in the code.
 * Pages that must work offline (the job report, the service's web UI) inline or serve these
 * bytes themselves instead of linking a CDN.
 *
 * @param webjar  the WebJar's artifact id, e.g. {@code uplot}
 * @param version the version found on the classpath
 * @param file    the file's path inside the WebJar's version directory, e.g. {@code dist/uPlot.min.css}
 */
public record WebJarAsset(String webjar, String version, String file) {
    /** The groups WebJars are published under: npm, classic and bower packagings. */
    private static final List<String> GROUPS = List.of("org.webjars.npm", "org.webjars", "org.webjars.bower");

    public WebJarAsset {
        Objects.requireNonNull(webjar, "webjar");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        // The service may name files from request paths: never let one climb out of the WebJar.
        if (file.isEmpty() || file.startsWith("/") || file.contains("\\")
                || List.of(file.split("/")).stream().anyMatch(part -> part.isEmpty() || part.equals("..")
                        || part.equals("."))) {
            throw new IllegalArgumentException("not a file path inside a WebJar: '" + file + "'");
        }
    }

    /** {@code file} of the WebJar {@code webjar}, located through this class's class loader. */
    public static WebJarAsset locate(String webjar, String file) {
        return locate(WebJarAsset.class.getClassLoader(), webjar, file);
    }

    /**
     * {@code file} of the WebJar {@code webjar} as {@code loader} sees it.
     *
     * @throws IllegalStateException when the WebJar or the file is not on the classpath, saying
     *                               which paths were looked for
     */
    public static WebJarAsset locate(ClassLoader loader, String webjar, String file) {
        WebJarAsset asset = new WebJarAsset(webjar, version(loader, webjar), file);
        if (loader.getResource(asset.resourcePath()) == null) {
            throw new IllegalStateException("WebJar " + webjar + " " + asset.version() + " has no file " + file
                    + " (looked for " + asset.resourcePath() + " on the classpath)");
        }
        return asset;
    }

    /** The asset's text, for a file known to be UTF-8 (scripts, styles). */
    public static String text(String webjar, String file) {
        return locate(webjar, file).text();
    }

    /** {@code META-INF/resources/webjars/<webjar>/<version>/<file>}, the path every WebJar uses. */
    public String resourcePath() {
        return "META-INF/resources/webjars/" + webjar + "/" + version + "/" + file;
    }

    public byte[] bytes() {
        return bytes(WebJarAsset.class.getClassLoader());
    }

    public byte[] bytes(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resourcePath())) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + resourcePath());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resourcePath(), e);
        }
    }

    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private static String version(ClassLoader loader, String webjar) {
        if (webjar.isEmpty() || webjar.contains("/") || webjar.contains("..")) {
            throw new IllegalArgumentException("not a WebJar name: '" + webjar + "'");
        }
        for (String group : GROUPS) {
            String path = "META-INF/maven/" + group + "/" + webjar + "/pom.properties";
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in != null) {
                    Properties pom = new Properties();
                    pom.load(in);
                    String version = pom.getProperty("version");
                    if (version == null || version.isBlank()) {
                        throw new IllegalStateException(path + " names no version");
                    }
                    return version.strip();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + path, e);
            }
        }
        throw new IllegalStateException("WebJar " + webjar + " is not on the classpath (looked for META-INF/maven/"
                + String.join("|", GROUPS) + "/" + webjar + "/pom.properties): add it as a Maven dependency, e.g. "
                + "org.webjars.npm:" + webjar);
    }
}
