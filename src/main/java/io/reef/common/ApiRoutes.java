package io.reef.common;

/**
 * The provider-compatible APIs Reef serves, by request path: implemented from every provider's
 * declared routes ({@code io.reef.provider.Providers}), so authentication, body limits and error
 * rendering cannot miss a provider's path.
 */
public interface ApiRoutes {

    /** Whether the path is under a provider-compatible API (such requests need a tenant key). */
    boolean isProviderPath(String path);

    /** The error envelope of the API that serves this path: its provider's, else Reef's own. */
    ErrorEnvelope envelopeFor(String path);
}
