package io.reef.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import io.reef.provider.Provider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A provider is one package: Reef's core ({@code job}, {@code ledger}, {@code tenant},
 * {@code common}) never reaches into a provider package, provider packages never reach into each
 * other, and no provider is named in Reef's Java code outside its own package (configuration and
 * deploy files may name providers, and so may the tests of Reef's behaviour, which drive it through
 * its providers). A provider package is any direct sub-package of {@code io.reef.provider}, in main
 * or in test scope; a test-scope provider package is provider code and is checked too.
 */
class ProviderIsOnePackageTest {

    private static final String PROVIDER_PACKAGES = "io.reef.provider.*..";
    private static final JavaClasses REEF = new ClassFileImporter().importPackages("io.reef");

    @Test
    void theCoreDoesNotDependOnAnyProviderPackage() {
        noClasses().that().resideInAnyPackage("io.reef.job..", "io.reef.ledger..", "io.reef.tenant..", "io.reef.common..")
                .should().dependOnClassesThat().resideInAPackage(PROVIDER_PACKAGES)
                .check(REEF);
    }

    @Test
    void providerPackagesDoNotDependOnEachOther() {
        List<String> providers = providerPackages();
        for (String provider : providers) {
            for (String other : providers) {
                if (!other.equals(provider)) {
                    noClasses().that().resideInAPackage("io.reef.provider." + provider + "..")
                            .should().dependOnClassesThat().resideInAPackage("io.reef.provider." + other + "..")
                            .check(REEF);
                }
            }
        }
    }

    /**
     * Every provider package's name (e.g. {@code sharkai}), spelt any way in code (SharkAi,
     * SHARK_AI, "sharkai"), outside that package. Comments are not code and are skipped.
     */
    @Test
    void noProviderIsNamedInCodeOutsideItsPackage() throws IOException {
        List<String> providers = providerPackages();
        List<String> found;
        try (Stream<Path> sources = Stream.concat(Files.walk(Path.of("src/main/java")), testScopeProviderSources())) {
            found = sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> namings(p, providers).stream())
                    .toList();
        }
        assertEquals(List.of(), found, "providers named in code outside their package");
    }

    private static Stream<Path> testScopeProviderSources() throws IOException {
        Path root = Path.of("src/test/java/io/reef/provider");
        try (Stream<Path> dirs = Files.list(root)) {
            List<String> providers = providerPackages();
            List<Path> packages = dirs.filter(Files::isDirectory)
                    .filter(d -> providers.contains(d.getFileName().toString())).toList();
            return packages.stream().flatMap(ProviderIsOnePackageTest::walk);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The provider packages: the packages of the implementations of {@link Provider} (the SPI), in
     * main or in test scope. Other sub-packages of {@code io.reef.provider} (the contract suite)
     * are not providers.
     */
    private static List<String> providerPackages() {
        List<String> packages = REEF.get(Provider.class).getAllSubclasses().stream()
                .filter(c -> !c.isInterface())
                .map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("io.reef.provider."))
                .map(p -> p.substring("io.reef.provider.".length()).split("\\.")[0])
                .distinct().sorted().toList();
        assertFalse(packages.isEmpty(), "no implementation of the provider SPI found");
        return packages;
    }

    private static List<String> namings(Path source, List<String> providers) {
        String code = withoutComments(read(source));
        String folded = code.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        String where = source.toString().replace('\\', '/');
        return providers.stream()
                .filter(provider -> !where.contains("/io/reef/provider/" + provider + "/"))
                .filter(provider -> folded.contains(provider))
                .map(provider -> where + " names " + provider)
                .toList();
    }

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Java source without its comments (good enough for Reef's sources: no "//" or "/*" inside strings that matter here). */
    static String withoutComments(String code) {
        Matcher m = COMMENTS.matcher(code);
        return m.replaceAll(" ");
    }

    private static String read(Path source) {
        try {
            return Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
