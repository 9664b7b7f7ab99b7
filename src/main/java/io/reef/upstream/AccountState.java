package io.reef.upstream;

import java.util.Locale;

/** Where an upstream account stands (V8's {@code upstream_account.state}). */
public enum AccountState {
    /** Takes new jobs. */
    ACTIVE,
    /** Refused with 429: takes no new jobs until its cool-down ends, then is active by itself. */
    COOLING_DOWN,
    /** Refused with 401/402/403: takes no new jobs until an operator sets it active again. */
    NEEDS_ATTENTION,
    /** Taken out of rotation by an operator: takes no new jobs; its jobs are still polled and charged. */
    DRAINED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountState fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
