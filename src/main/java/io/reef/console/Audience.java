package io.reef.console;

/**
 * Who a session is for: the operator (the console, {@code /console}) or a tenant (the portal,
 * {@code /portal}). Each has its own cookie, scoped to its own path.
 */
public enum Audience {
    OPERATOR("operator", "/console", "reef_console"),
    TENANT("tenant", "/portal", "reef_portal");

    private final String wire;
    private final String base;
    private final String cookie;

    Audience(String wire, String base, String cookie) {
        this.wire = wire;
        this.base = base;
        this.cookie = cookie;
    }

    /** As stored in {@code console_session.audience}. */
    public String wire() {
        return wire;
    }

    /** The path every page of this audience is under (and the session cookie's Path). */
    public String base() {
        return base;
    }

    /** The session cookie's name. */
    public String cookie() {
        return cookie;
    }

    /** The pre-login cookie that carries the login form's CSRF token. */
    public String loginCookie() {
        return cookie + "_login";
    }

    public String loginPath() {
        return base + "/login";
    }

    public String home() {
        return base + "/";
    }

    /** The audience whose pages are under this path, or null. */
    public static Audience forPath(String path) {
        for (Audience a : values()) {
            if (path.equals(a.base) || path.startsWith(a.base + "/")) {
                return a;
            }
        }
        return null;
    }

    static Audience fromWire(String wire) {
        for (Audience a : values()) {
            if (a.wire.equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown audience " + wire);
    }
}
