package io.reef.provider;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.StartupEvent;
import io.reef.common.ApiRoutes;
import io.reef.common.ErrorEnvelope;
import io.reef.upstream.UpstreamAccounts;

/** Every {@link Provider} bean, by name and by route. */
@ApplicationScoped
public class Providers implements ApiRoutes {

    private final List<Provider> all;

    public Providers(@Any Instance<Provider> providers) {
        this.all = providers.stream().toList();
    }

    /** Declares every provider's upstream accounts at start-up, before any job is submitted. */
    void declareAccounts(@Observes StartupEvent start, UpstreamAccounts accounts) {
        for (Provider provider : all) {
            accounts.declare(provider.name(), provider.accounts());
        }
    }

    public List<Provider> all() {
        return all;
    }

    /** The provider with this name (stored on jobs). */
    public Provider named(String name) {
        for (Provider provider : all) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw new IllegalStateException("no provider named " + name);
    }

    /** The provider whose API serves this path, if any. */
    public Optional<Provider> forPath(String path) {
        for (Provider provider : all) {
            for (String route : provider.routes()) {
                if (path.startsWith(route)) {
                    return Optional.of(provider);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isProviderPath(String path) {
        return forPath(path).isPresent();
    }

    @Override
    public ErrorEnvelope envelopeFor(String path) {
        return forPath(path).map(Provider::errorEnvelope).orElse(ErrorEnvelope.STANDARD);
    }
}
