package io.reef.console;

import jakarta.enterprise.context.RequestScoped;

/** The session of the current console or portal request, set by {@link ConsoleGuard}. */
@RequestScoped
public class CurrentSession {

    private Session session;

    public Session get() {
        if (session == null) {
            throw new IllegalStateException("no session on this request");
        }
        return session;
    }

    void set(Session session) {
        this.session = session;
    }
}
