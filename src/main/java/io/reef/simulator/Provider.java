package io.reef.simulator;

import java.util.Locale;
import java.util.Optional;

/** The two simulated upstream providers. */
public enum Provider {
    /** Shark AI ({@code /sim/sharkai}). */
    SHARK_AI("sharkai"),
    /** SharkAPI ({@code /sim/sharkapi}). */
    SHARK_API("sharkapi");

    private final String pathName;

    Provider(String pathName) {
        this.pathName = pathName;
    }

    /** The name used in simulator URLs: {@code sharkai} or {@code sharkapi}. */
    public String pathName() {
        return pathName;
    }

    /** Looks a provider up by its URL name ({@code sharkai} / {@code sharkapi}), case-insensitively. */
    public static Optional<Provider> fromPathName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.pathName.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
