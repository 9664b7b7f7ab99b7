package io.reef.provider;

/** A provider's largest acceptable request body under a path prefix (see {@link BodyLimitFilter}). */
public interface BodyLimit {

    String pathPrefix();

    long maxBytes();
}
