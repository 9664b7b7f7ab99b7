package io.reef.simulator;

import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers of simulated tasks and jobs. */
public final class Ids {

    private Ids() {
    }

    /** {@code prefix} followed by {@code hexDigits} random lowercase hex digits. */
    public static String random(String prefix, int hexDigits) {
        StringBuilder id = new StringBuilder(prefix.length() + hexDigits).append(prefix);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < hexDigits; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }
}
