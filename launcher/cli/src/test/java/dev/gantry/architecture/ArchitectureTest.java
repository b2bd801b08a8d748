package dev.gantry.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md's arrows, checked on the compiled classes of every module. The Maven modules already
 * make most of them compile-time facts (a module sees only what it declares); this test keeps
 * the ones Maven cannot see: which packages of an allowed module may be used (the embedded
 * cluster takes the client's wire formats, not the client), that placement is pure, and that
 * training never imports the launcher side even through a test-scoped dependency added later.
 */
class ArchitectureTest {
    /** Each module's packages, and the Gantry packages it may use besides its own. */
    private static final Map<String, Module> MODULES = new LinkedHashMap<>();

    static {
        module("files", Set.of("dev.gantry.files.."), Set.of());
        module("training", Set.of("dev.gantry.training.."), Set.of("dev.gantry.files.."));
        module("placement", Set.of("dev.gantry.placement.."), Set.of());
        module("queue", Set.of("dev.gantry.queue.."), Set.of("dev.gantry.placement.."));
        module("gpu", Set.of("dev.gantry.gpu.."), Set.of());
        module("mesos", Set.of("dev.gantry.protocol..", "dev.gantry.mesos.."), Set.of());
        module("localcluster", Set.of("dev.gantry.localcluster.."),
                Set.of("dev.gantry.protocol..", "dev.gantry.gpu..", "dev.gantry.files.."));
        module("spark", Set.of("dev.gantry.spark..", "dev.gantry.offers.."),
                Set.of("dev.gantry.protocol..", "dev.gantry.mesos..", "dev.gantry.placement..", "dev.gantry.gpu.."));
        // Lives in the CLI module, but is an application of the scheduler client, not of the CLI or Spark.
        module("gpucheck", Set.of("dev.gantry.gpucheck.."),
                Set.of("dev.gantry.protocol..", "dev.gantry.mesos..", "dev.gantry.placement..", "dev.gantry.offers.."));
        // `gantry serve`'s durable store and its teams and users live in the CLI module too, but know
        // nothing of the CLI, runs, Spark or Mesos: the service builds on them, not the other way.
        module("service-store", Set.of("dev.gantry.service.store.."), Set.of());
        module("service-tenancy", Set.of("dev.gantry.service.tenancy.."), Set.of());
        // The service's driver framework: the scheduler client's application too; of the launcher side it
        // takes only the checkout's location (run), and never the CLI, which will start the service.
        module("service.drivers", Set.of("dev.gantry.service.drivers.."), Set.of("dev.gantry.protocol..",
                "dev.gantry.mesos..", "dev.gantry.placement..", "dev.gantry.offers..", "dev.gantry.run..",
                "dev.gantry.service.metrics.."));
        // The service's metrics: what the other parts record, and gauges read from the master's state; it
        // knows no job, store or driver type, so that every part may record into it.
        module("service.metrics", Set.of("dev.gantry.service.metrics.."), Set.of("dev.gantry.mesos..",
                "dev.gantry.protocol.."));
        // The service's core: what it does with jobs (check, queue, launch, supervise, logs). It takes
        // specs and cluster views from the CLI's job and run packages; the HTTP API and the CLI use it.
        module("service.jobs", Set.of("dev.gantry.service.jobs.."), Set.of("dev.gantry.service.store..",
                "dev.gantry.service.tenancy..", "dev.gantry.service.drivers..", "dev.gantry.queue..",
                "dev.gantry.placement..", "dev.gantry.job..", "dev.gantry.run..", "dev.gantry.spark..",
                "dev.gantry.mesos..", "dev.gantry.protocol..", "dev.gantry.service.metrics.."));
        // The service's HTTP API: JobService over HTTP, with the store's records and the tenancy's users; never
        // the CLI, the driver framework or Mesos.
        module("service.api", Set.of("dev.gantry.service.api.."), Set.of("dev.gantry.service.jobs..",
                "dev.gantry.service.store..", "dev.gantry.service.tenancy..", "dev.gantry.service.metrics.."));
        // The API's client, light enough for any tool: the API's wire and, at most, the service's job vocabulary.
        module("service.client", Set.of("dev.gantry.service.client.."), Set.of("dev.gantry.service.jobs.."));
    }

    private static JavaClasses gantry;

    @BeforeAll
    static void importMainClasses() {
        gantry = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gantry");
    }

    static Stream<String> modules() {
        return MODULES.keySet().stream();
    }

    @ParameterizedTest(name = "{0} uses only the Gantry packages DESIGN.md allows it")
    @MethodSource("modules")
    void moduleUsesOnlyWhatItMay(String name) {
        Module module = MODULES.get(name);
        assertThat(gantry.stream().filter(c -> module.packages().stream()
                        .anyMatch(p -> c.getPackageName().startsWith(p.replace("..", "")))))
                .as("classes of %s found on the classpath (else the rule checks nothing)", name)
                .isNotEmpty();
        rule(name).check(gantry);
    }

    @Test
    void placementIsPureJavaUtil() {
        pureRule().check(gantry);
    }

    @Test
    void queuePolicyIsPureJavaUtilAndPlacement() {
        queuePureRule().check(gantry);
        JavaClasses violating = new ClassFileImporter().importClasses(dev.gantry.queue.ForbiddenClockSample.class);
        assertThatThrownBy(() -> queuePureRule().check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.time.Clock")
                .hasMessageContaining("java.util.concurrent.ThreadLocalRandom");
    }

    /**
     * dev.gantry.web (WebJar assets) is shared by the report and the service's web UI, so any
     * package may use it; it must in turn use no Gantry package, or sharing it would drag one in.
     */
    @Test
    void webAssetsUseNoOtherGantryPackage() {
        assertThat(gantry.stream().filter(c -> inWeb(c.getPackageName()))).isNotEmpty();
        noClasses().that().resideInAPackage("dev.gantry.web..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are Gantry classes outside dev.gantry.web",
                        (JavaClass c) -> c.getPackageName().startsWith("dev.gantry.") && !inWeb(c.getPackageName())))
                .because("the report and the service both use it").check(gantry);
    }

    private static boolean inWeb(String packageName) {
        return packageName.equals("dev.gantry.web") || packageName.startsWith("dev.gantry.web.");
    }

    @Test
    void aForbiddenImportFailsTheCheck() {
        JavaClasses violating = new ClassFileImporter().importClasses(dev.gantry.placement.ForbiddenImportSample.class);
        assertThatThrownBy(() -> rule("placement").check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ForbiddenImportSample")
                .hasMessageContaining("dev.gantry.spark");
        assertThatThrownBy(() -> pureRule().check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.nio.file");
    }

    private static ArchRule rule(String name) {
        Module module = MODULES.get(name);
        List<String> forbidden = new ArrayList<>(List.of("dev.gantry.job..", "dev.gantry.run..", "dev.gantry.cli..",
                "dev.gantry.report..", "dev.gantry.testing.."));
        forbidden.removeAll(module.allowed());
        MODULES.values().stream()
                .filter(other -> other != module)
                .flatMap(other -> other.packages().stream())
                .filter(p -> !module.allowed().contains(p))
                .forEach(forbidden::add);
        return noClasses().that().resideInAnyPackage(module.packages().toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .because(name + " may use only " + (module.allowed().isEmpty() ? "itself" : module.allowed()));
    }

    /** Placement: no I/O, no clocks, no Spark or HTTP types, so it can be replayed in simulators. */
    private static ArchRule pureRule() {
        return classes().that().resideInAPackage("dev.gantry.placement..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gantry.placement..", "java.lang", "java.util..")
                .because("placement is pure: offers, demand, a policy and the time in, a plan out");
    }

    /**
     * The service's queue policy, likewise, and stricter: jobs, shares, agents and the time in, a
     * decision out. It asks placement's Placer where gangs fit and uses nothing else: no java.time
     * (time is a number in the state), no threads or java.util.concurrent, no I/O.
     */
    private static ArchRule queuePureRule() {
        return classes().that().resideInAPackage("dev.gantry.queue..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.gantry.queue..", "dev.gantry.placement..",
                        "java.lang", "java.util", "java.util.function", "java.util.stream")
                .because("the queue policy is pure: the state and the time in, a decision out, replayable in the "
                        + "simulator");
    }

    private static void module(String name, Set<String> packages, Set<String> allowed) {
        MODULES.put(name, new Module(packages, allowed));
    }

    private record Module(Set<String> packages, Set<String> allowed) {}
}
