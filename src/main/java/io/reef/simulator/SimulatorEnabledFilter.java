package io.reef.simulator;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers 404 on every simulator endpoint unless {@code reef.simulator.enabled} is true. (Injects the
 * normal-scoped {@link Simulator} rather than the config mapping: JAX-RS providers are created during static
 * init, before runtime config exists.)
 */
@Provider
@SimulatorEndpoint
public class SimulatorEnabledFilter implements ContainerRequestFilter {

    @Inject
    Simulator simulator;

    @Override
    public void filter(ContainerRequestContext requestContext) {
        if (!simulator.enabled()) {
            requestContext.abortWith(ErrorEnvelope.notFound("Not found"));
        }
    }
}
