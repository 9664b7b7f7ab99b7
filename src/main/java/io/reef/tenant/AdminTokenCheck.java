package io.reef.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start without a real operator token, or with the dev profile outside dev mode (see {@link AdminTokenRule}). */
@ApplicationScoped
public class AdminTokenCheck {

    private static final Logger LOG = Logger.getLogger(AdminTokenCheck.class);

    void onStart(@Observes StartupEvent event, AdminConfig config, LaunchMode mode) {
        AdminTokenRule.refusal(mode, ConfigUtils.getProfiles(), config.token()).ifPresent(why -> {
            LOG.error(why); // one clear line before Quarkus prints the start-up failure
            throw new IllegalStateException(why);
        });
    }
}
