package dev.gantry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

/**
 * The executor image and the Mesos cluster in docker/ promise the build's versions: the Java the
 * code is compiled for, the Spark it links against, a CUDA that JCuda and TensorFlow Java were built
 * for, Gantry's own version and jar names, and the Mesos the protos come from. Nothing builds the
 * image in CI (no Docker engine), so this reads the files and compares them with the root pom.
 */
class DockerImageTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");

    /** The CUDA each TensorFlow Java release's GPU natives are built for (its release notes). */
    private static final Map<String, String> TENSORFLOW_CUDA = Map.of("1.1.0", "12.5");

    private static final Pom POM = Pom.read(ROOT.resolve("pom.xml"));
    private static final Dockerfile IMAGE = Dockerfile.read(DOCKER.resolve("executor.Dockerfile"));

    @Test
    void theImageCarriesTheBuildsJavaSparkAndGantryVersions() {
        assertThat(IMAGE.arg("GANTRY_VERSION")).isEqualTo(POM.version());
        assertThat(IMAGE.arg("JAVA_VERSION")).isEqualTo(POM.property("maven.compiler.release"));
        assertThat(IMAGE.arg("SPARK_VERSION")).isEqualTo(POM.property("spark.version"));
        assertThat(IMAGE.arg("SCALA_BINARY_VERSION")).isEqualTo(POM.property("scala.binary.version"));
        // Java comes from Temurin's JRE of that version; the jars from a Maven build on that JDK.
        assertThat(IMAGE.stages()).contains("maven:3.9-eclipse-temurin-17 AS build",
                "eclipse-temurin:17-jre-noble AS java");
    }

    @Test
    void theCudaBaseMatchesJcudaAndTensorflowJava() {
        String cuda = IMAGE.arg("CUDA_VERSION");
        String jcuda = POM.property("jcuda.version");
        assertThat(majorMinor(cuda)).as("CUDA %s for JCuda %s", cuda, jcuda).isEqualTo(majorMinor(jcuda));
        String tensorflow = POM.property("tensorflow.version");
        assertThat(TENSORFLOW_CUDA).as("the CUDA TensorFlow Java %s is built for: add it here", tensorflow)
                .containsKey(tensorflow);
        String wanted = TENSORFLOW_CUDA.get(tensorflow);
        assertThat(major(cuda)).as("TensorFlow Java %s needs CUDA %s", tensorflow, wanted).isEqualTo(major(wanted));
        assertThat(minor(cuda)).as("TensorFlow Java %s needs CUDA %s", tensorflow, wanted)
                .isGreaterThanOrEqualTo(minor(wanted));
        // TensorFlow's GPU natives load cuDNN from the image; the runtime flavour has the libraries.
        assertThat(IMAGE.arg("CUDA_IMAGE")).isEqualTo("nvidia/cuda:" + cuda + "-cudnn-runtime-ubuntu24.04");
        assertThat(IMAGE.stages()).last().isEqualTo("nvidia/cuda:" + cuda + "-cudnn-runtime-ubuntu24.04");
        // Mesos' own Java base image and the CUDA image share Ubuntu 24.04 (noble): one glibc.
        assertThat(IMAGE.stages()).anyMatch(s -> s.contains("-noble"));
    }

    @Test
    void theImageAsksMesosForTheDriverAndDropsCudaCompat() {
        assertThat(IMAGE.env()).containsEntry("NVIDIA_VISIBLE_DEVICES", "all");
        assertThat(IMAGE.env().get("NVIDIA_DRIVER_CAPABILITIES")).contains("compute");
        assertThat(IMAGE.text()).contains("RUN rm -rf /usr/local/cuda/compat");
    }

    @Test
    void theImageLaysOutEveryBackendWhereExecutorsLook() throws Exception {
        String layout = Files.readString(DOCKER.resolve("layout-jars.sh"));
        String launcherJar = "launcher/cli/target/" + Pom.read(ROOT.resolve("launcher/cli/pom.xml")).finalName() + ".jar";
        assertThat(layout).contains(launcherJar, "dist/*/target/classpath", "\"$dest/lib\"",
                "spark-core_${scala_binary_version}-${spark_version}.jar");
        assertThat(IMAGE.text()).contains("docker/layout-jars.sh /opt/gantry \"${SPARK_VERSION}\""
                + " \"${SCALA_BINARY_VERSION}\"", "COPY --from=build /opt/gantry /opt/gantry");
        // The launcher's default classpath for executors with an image is the image's lib folder.
        assertThat(ExecutorTasks.IMAGE_CLASSPATH).isEqualTo("/opt/gantry/lib/*");
        String readme = Files.readString(DOCKER.resolve("README.md"));
        for (String framework : frameworks()) {
            assertThat(IMAGE.text()).contains("dist/" + framework);
            assertThat(readme).contains("/opt/gantry/backends/" + framework + "/*");
        }
    }

    @Test
    void theReadmeNamesTheImageOfThisVersion() throws Exception {
        String readme = Files.readString(DOCKER.resolve("README.md"));
        Matcher tags = Pattern.compile("gantry/executor:([A-Za-z0-9._-]+)").matcher(readme);
        List<String> versions = new ArrayList<>();
        while (tags.find()) {
            versions.add(tags.group(1));
        }
        assertThat(versions).isNotEmpty().allMatch(POM.version()::equals);
        assertThat(IMAGE.text()).contains("-t gantry/executor:" + POM.version() + " .");
        assertThat(readme).contains("--master mesos://127.0.0.1:5050");
    }

    @Test
    void theClusterRunsTheBuildsMesosWithGpuAgents() throws Exception {
        Compose compose = Compose.read(DOCKER.resolve("compose.yaml"), DOCKER.resolve(".env"));
        String mesos = majorMinor(POM.property("mesos.version"));
        assertThat(compose.image("mesos-master")).isEqualTo("mesos/mesos-centos:" + mesos + ".x");
        assertThat(compose.flags("mesos-master")).contains("--port=5050", "--quorum=1");

        List<String> agents = compose.serviceNames().stream().filter(s -> s.startsWith("mesos-agent")).toList();
        assertThat(agents).hasSizeGreaterThanOrEqualTo(2);
        List<String> ports = new ArrayList<>();
        List<String> cgroupRoots = new ArrayList<>();
        for (String agent : agents) {
            assertThat(compose.image(agent)).isEqualTo(compose.image("mesos-master"));
            List<String> flags = compose.flags(agent);
            assertThat(flags).as(agent).contains("--containerizers=mesos", "--image_providers=docker",
                    "--launcher=linux", "--executor_environment_variables={}");
            assertThat(flag(flags, "--isolation").split(",")).as(agent)
                    .contains("filesystem/linux", "docker/runtime", "cgroups/devices", "gpu/nvidia");
            assertThat(flag(flags, "--docker_store_dir")).startsWith("/var/lib/mesos/");
            // Mesos refuses an agent whose gpus count differs from its device list.
            int listed = flag(flags, "--nvidia_gpu_devices").split(",").length;
            assertThat(flag(flags, "--resources")).as(agent).isEqualTo("gpus:" + listed);
            assertThat(compose.service(agent)).containsEntry("privileged", true);
            assertThat(compose.service(agent).toString()).contains("driver=nvidia", "capabilities=[gpu");
            ports.add(flag(flags, "--port"));
            cgroupRoots.add(flag(flags, "--cgroups_root"));
        }
        assertThat(ports).doesNotHaveDuplicates();
        assertThat(cgroupRoots).doesNotHaveDuplicates();
    }

    private static List<String> frameworks() throws Exception {
        try (Stream<Path> dist = Files.list(ROOT.resolve("dist"))) {
            return dist.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).map(d -> d.getFileName().toString())
                    .sorted().collect(Collectors.toList());
        }
    }

    private static String flag(List<String> flags, String name) {
        return flags.stream().filter(f -> f.startsWith(name + "=")).map(f -> f.substring(name.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + flags));
    }

    private static String majorMinor(String version) {
        return major(version) + "." + minor(version);
    }

    private static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static int minor(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    /** The root pom's version and properties, or a module's final jar name. */
    private record Pom(Document xml) {
        static Pom read(Path file) {
            try {
                return new Pom(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()));
            } catch (Exception e) {
                throw new AssertionError("cannot read " + file, e);
            }
        }

        String version() {
            return child(xml.getDocumentElement(), "version");
        }

        String property(String name) {
            Element properties = (Element) xml.getDocumentElement().getElementsByTagName("properties").item(0);
            return child(properties, name);
        }

        String finalName() {
            return ((Element) xml.getDocumentElement().getElementsByTagName("build").item(0))
                    .getElementsByTagName("finalName").item(0).getTextContent().trim();
        }

        private static String child(Element parent, String name) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    return e.getTextContent().trim();
                }
            }
            throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
        }
    }

    /** ARG defaults (with ${...} in them expanded), FROM stages and ENV settings of a Dockerfile. */
    private record Dockerfile(String text, Map<String, String> args, List<String> stages, Map<String, String> env) {
        static Dockerfile read(Path file) {
            String text;
            try {
                text = Files.readString(file);
            } catch (Exception e) {
                throw new AssertionError("cannot read " + file, e);
            }
            String joined = text.replaceAll("\\\\\\n\\s*", " ");
            Map<String, String> args = new LinkedHashMap<>();
            List<String> stages = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : joined.split("\n")) {
                Matcher arg = Pattern.compile("^ARG (\\w+)=(\\S+)$").matcher(line.strip());
                if (arg.matches()) {
                    args.put(arg.group(1), expand(arg.group(2), args));
                } else if (line.startsWith("FROM ")) {
                    stages.add(expand(line.substring(5).strip(), args));
                } else if (line.startsWith("ENV ")) {
                    Matcher pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(line.substring(4));
                    while (pair.find()) {
                        env.put(pair.group(1), pair.group(2).replace("\"", ""));
                    }
                }
            }
            return new Dockerfile(text, args, stages, env);
        }

        String arg(String name) {
            assertThat(args).as("ARG %s in executor.Dockerfile", name).containsKey(name);
            return args.get(name);
        }

        private static String expand(String value, Map<String, String> args) {
            Matcher ref = Pattern.compile("\\$\\{(\\w+)}").matcher(value);
            return ref.replaceAll(m -> Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
    }

    /** compose.yaml with ${VAR:-default} resolved from .env first, as docker compose does. */
    private record Compose(Map<String, Map<String, Object>> services, Map<String, String> env) {
        @SuppressWarnings("unchecked")
        static Compose read(Path file, Path envFile) throws Exception {
            Map<String, String> env = new LinkedHashMap<>();
            for (String line : Files.readAllLines(envFile)) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    env.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
            Map<String, Object> yaml = new Yaml().load(Files.readString(file));
            return new Compose((Map<String, Map<String, Object>>) yaml.get("services"), env);
        }

        List<String> serviceNames() {
            return new ArrayList<>(services.keySet());
        }

        Map<String, Object> service(String name) {
            assertThat(services).containsKey(name);
            return services.get(name);
        }

        String image(String name) {
            return resolve((String) service(name).get("image"));
        }

        @SuppressWarnings("unchecked")
        List<String> flags(String name) {
            return ((List<String>) service(name).get("command")).stream().map(this::resolve).toList();
        }

        private String resolve(String value) {
            Matcher ref = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}").matcher(value);
            return ref.replaceAll(m -> Matcher.quoteReplacement(env.getOrDefault(m.group(1),
                    m.group(2) == null ? "" : m.group(2))));
        }
    }
}
