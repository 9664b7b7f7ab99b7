package io.reef.tenant;

import java.util.Locale;

import jakarta.persistence.Converter;

import io.reef.common.LowercaseEnumConverter;

/**
 * How a tenant is billed: {@code postpaid} (only the periodic quota applies) or {@code prepaid}
 * (spending is also capped by the unexpired credit granted; see V5 {@code reef_admit}).
 */
public enum BillingMode {
    POSTPAID,
    PREPAID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BillingMode fromWire(String value) {
        for (BillingMode m : values()) {
            if (m.wire().equals(value)) {
                return m;
            }
        }
        return null;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<BillingMode> {
        public DbConverter() {
            super(BillingMode.class);
        }
    }
}
