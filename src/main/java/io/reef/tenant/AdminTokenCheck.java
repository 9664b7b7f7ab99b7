package io.reef.tenant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/** Refuses to start without a real operator token, or with the dev profile outside dev mode (see {@link AdminTokenRule}). */
@ApplicationScoped
public class AdminTokenCheck {

    private static final Logger LOG = Logger.getLogger(AdminTokenCheck.class);

    /** Runs before every other start-up observer (e.g. the dev demo tenant, which logs a key). */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, AdminConfig config,
            LaunchMode mode) {
        AdminTokenRule.refusal(mode, ConfigUtils.getProfiles(), config.token()).ifPresent(why -> {
            LOG.error(why); // one clear line before Quarkus prints the start-up failure
            throw new IllegalStateException(why);
        });
    }
}
