package io.reef.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Outside dev mode Reef refuses to start without an operator token. */
@ApplicationScoped
public class AdminTokenCheck {

    void onStart(@Observes StartupEvent event, AdminConfig config, LaunchMode mode) {
        if (mode != LaunchMode.DEVELOPMENT && config.token().map(String::isBlank).orElse(true)) {
            throw new IllegalStateException("REEF_ADMIN_TOKEN (reef.admin.token) is not set: "
                    + "Reef refuses to start without an operator token outside dev mode.");
        }
    }
}
