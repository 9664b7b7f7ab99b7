package io.reef.tenant;

import java.util.Locale;

import jakarta.persistence.Converter;

import io.reef.common.LowercaseEnumConverter;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<TenantStatus> {
        public DbConverter() {
            super(TenantStatus.class);
        }
    }
}
