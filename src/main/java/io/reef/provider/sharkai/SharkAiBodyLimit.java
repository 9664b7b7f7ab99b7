package io.reef.provider.sharkai;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.provider.BodyLimit;

@ApplicationScoped
public class SharkAiBodyLimit implements BodyLimit {

    private final SharkAiSettings settings;

    public SharkAiBodyLimit(SharkAiSettings settings) {
        this.settings = settings;
    }

    @Override
    public String pathPrefix() {
        return "/api/v1/images/generations";
    }

    @Override
    public long maxBytes() {
        return settings.maxBodyBytes();
    }
}
