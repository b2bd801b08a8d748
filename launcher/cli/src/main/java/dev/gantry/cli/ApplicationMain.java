package dev.gantry.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * An application's {@code public static void main(String[])}, loaded from its jars in a class
 * loader of its own whose parent is Gantry's (so Spark's classes are shared with the driver that
 * Gantry runs), and run on the calling thread with that loader as context class loader, which is
 * where Spark looks for user classes.
 */
final class ApplicationMain implements AutoCloseable {
    private final URLClassLoader loader;
    private final Method main;

    private ApplicationMain(URLClassLoader loader, Method main) {
        this.loader = loader;
        this.main = main;
    }

    /**
     * Loads {@code className} from {@code appJar} and {@code jars}. Bad input (a jar missing or not
     * a jar, no such class, no public static main) is an IllegalArgumentException naming it.
     */
    static ApplicationMain load(Path appJar, List<Path> jars, String className, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        urls.add(checkedJar(appJar, "app jar"));
        for (Path jar : jars) {
            urls.add(checkedJar(jar, "--jars entry"));
        }
        URLClassLoader loader = new URLClassLoader("gantry-app", urls.toArray(URL[]::new), parent);
        try {
            return new ApplicationMain(loader, mainOf(loader, className, appJar, jars));
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    ClassLoader classLoader() {
        return loader;
    }

    /** Runs main; what the application throws comes out as it was thrown. */
    void run(String[] args) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static URL checkedJar(Path jar, String what) {
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(what + " not found: " + jar);
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(what + " has no URL: " + jar);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + jar + " as a jar: " + e.getMessage());
        }
    }

    private static Method mainOf(ClassLoader loader, String className, Path appJar, List<Path> jars) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + className + " not found in " + appJar
                    + (jars.isEmpty() ? "" : " or the --jars"));
        } catch (LinkageError e) {
            throw new IllegalArgumentException("cannot load class " + className + " from " + appJar + ": " + e);
        }
        Method main;
        try {
            main = type.getMethod("main", String[].class);
        } catch (NoSuchMethodException | LinkageError e) {
            throw new IllegalArgumentException("class " + className + " has no public static void main(String[])");
        }
        if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
            throw new IllegalArgumentException("class " + className + " has no public static void main(String[])");
        }
        // As the java launcher does, a public main in a class that is not public still runs.
        main.setAccessible(true);
        return main;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException suppressed) {
            // Nothing was loaded that needs it; the load error is what the user must see.
        }
    }
}
