package io.reef.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An upstream account's configuration, read from a provider's settings: the single
 * {@code reef.providers.<provider>.api-key} is the account named {@value #DEFAULT}, and
 * {@code reef.providers.<provider>.accounts.<name>.*} adds more.
 *
 * @param submitsPerSecond null: no limit of Reef's own
 */
public record AccountConfig(String name, String apiKey, int weight, Integer submitsPerSecond) {

    /** The account of the single {@code api-key} setting, and of every job written before accounts existed. */
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public AccountConfig {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Upstream account name '" + name
                    + "' must be 1-63 lowercase letters, digits, '-' or '_'");
        }
        if (weight < 1) {
            throw new IllegalArgumentException("Upstream account " + name + ": weight must be at least 1");
        }
        if (submitsPerSecond != null && submitsPerSecond < 1) {
            throw new IllegalArgumentException("Upstream account " + name + ": submits-per-second must be at least 1");
        }
    }

    /**
     * A provider's accounts from its settings, by name. With no {@code accounts.*} and no
     * {@code api-key}, the one account {@value #DEFAULT} has no key (the provider then refuses
     * every call with 401, as it would refuse a missing key).
     */
    public static List<AccountConfig> of(String provider, Optional<String> apiKey, Map<String, AccountSettings> accounts) {
        Map<String, AccountConfig> byName = new TreeMap<>();
        accounts.forEach((name, settings) -> byName.put(name, new AccountConfig(name, settings.apiKey().orElse(""),
                settings.weight(), settings.submitsPerSecond().isPresent() ? settings.submitsPerSecond().getAsInt() : null)));
        String single = apiKey.filter(k -> !k.isBlank()).orElse(null);
        if (single != null) {
            if (byName.containsKey(DEFAULT)) {
                throw new IllegalArgumentException("reef.providers." + provider + ".api-key and reef.providers." + provider
                        + ".accounts.default.api-key both name the account 'default': set one of them");
            }
            byName.put(DEFAULT, new AccountConfig(DEFAULT, single, 1, null));
        }
        if (byName.isEmpty()) {
            byName.put(DEFAULT, new AccountConfig(DEFAULT, "", 1, null));
        }
        return new ArrayList<>(byName.values());
    }

    @Override
    public String toString() { // never the key
        return "AccountConfig[" + name + ", weight " + weight + "]";
    }
}
