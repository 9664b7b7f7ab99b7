package io.reef.provider.sharkapi;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.provider.BodyLimit;

@ApplicationScoped
public class SharkApiBodyLimit implements BodyLimit {

    private final SharkApiSettings settings;

    public SharkApiBodyLimit(SharkApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public String pathPrefix() {
        return "/v1/generate";
    }

    @Override
    public long maxBytes() {
        return settings.maxBodyBytes();
    }
}
