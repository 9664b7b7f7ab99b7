package io.reef.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Outside dev mode Reef refuses to start without an operator token. */
@ApplicationScoped
public class AdminTokenCheck {

    private static final Logger LOG = Logger.getLogger(AdminTokenCheck.class);

    void onStart(@Observes StartupEvent event, AdminConfig config, LaunchMode mode) {
        if (mode != LaunchMode.DEVELOPMENT && config.token().map(String::isBlank).orElse(true)) {
            String why = "REEF_ADMIN_TOKEN (reef.admin.token) is not set: "
                    + "Reef refuses to start without an operator token outside dev mode.";
            LOG.error(why); // one clear line before Quarkus prints the start-up failure
            throw new IllegalStateException(why);
        }
    }
}
