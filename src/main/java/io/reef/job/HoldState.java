package io.reef.job;

import jakarta.persistence.Converter;

import io.reef.common.LowercaseEnumConverter;

public enum HoldState {
    OPEN,
    POSTED,
    VOIDED;

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<HoldState> {
        public DbConverter() {
            super(HoldState.class);
        }
    }
}
