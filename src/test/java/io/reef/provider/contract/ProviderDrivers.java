package io.reef.provider.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds every {@link ProviderDriver} implementation compiled into a provider test package
 * ({@code io.reef.provider.<name>}, one level below {@code io.reef.provider}) and instantiates it
 * with its public no-arg constructor. Nothing lists the providers.
 */
public final class ProviderDrivers {

    private static final String PROVIDERS = "io/reef/provider";

    private ProviderDrivers() {
    }

    /** One instance of each driver, ordered by name; fails if none is found. */
    public static List<ProviderDriver> all() {
        List<ProviderDriver> drivers = new ArrayList<>();
        for (String className : driverClassNames()) {
            Class<?> type = load(className);
            if (ProviderDriver.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                drivers.add(instantiate(type));
            }
        }
        drivers.sort(Comparator.comparing(ProviderDriver::name));
        if (drivers.isEmpty()) {
            throw new AssertionError("No ProviderDriver found under " + PROVIDERS + "/*/");
        }
        return drivers;
    }

    private static Set<String> driverClassNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Path root : providerRoots()) {
            try (Stream<Path> packages = Files.list(root)) {
                for (Path pkg : packages.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> classes = Files.list(pkg)) {
                        classes.map(p -> p.getFileName().toString())
                                .filter(f -> f.endsWith(".class") && !f.contains("$"))
                                .forEach(f -> names.add(PROVIDERS.replace('/', '.') + "." + pkg.getFileName() + "."
                                        + f.substring(0, f.length() - ".class".length())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** The class-path directories holding {@code io/reef/provider} (the test classes among them). */
    private static List<Path> providerRoots() {
        List<Path> roots = new ArrayList<>();
        try {
            Enumeration<URL> urls = ProviderDriver.class.getClassLoader().getResources(PROVIDERS);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                if ("file".equals(url.getProtocol())) {
                    roots.add(Paths.get(url.toURI()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path built = Paths.get("target", "test-classes", PROVIDERS);
        if (Files.isDirectory(built) && roots.stream().noneMatch(r -> isSame(r, built))) {
            roots.add(built);
        }
        return roots;
    }

    private static boolean isSame(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, ProviderDriver.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AssertionError("Cannot load " + className, e);
        }
    }

    private static ProviderDriver instantiate(Class<?> type) {
        try {
            return (ProviderDriver) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + " needs a public no-arg constructor", e);
        }
    }
}
