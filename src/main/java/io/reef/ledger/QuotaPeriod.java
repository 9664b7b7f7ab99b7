package io.reef.ledger;

import java.util.Locale;

import jakarta.persistence.Converter;

import io.reef.common.LowercaseEnumConverter;

/**
 * A tenant's budget period. Boundaries are UTC calendar boundaries (weeks start on Monday) and
 * are computed in one place only: the SQL function {@code reef_period_start} (see V1__schema.sql),
 * used by every statement that reads or moves a tenant's period spend.
 */
public enum QuotaPeriod {
    DAY,
    WEEK,
    MONTH,
    TOTAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static QuotaPeriod fromWire(String value) {
        for (QuotaPeriod p : values()) {
            if (p.wire().equals(value)) {
                return p;
            }
        }
        return null;
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<QuotaPeriod> {
        public DbConverter() {
            super(QuotaPeriod.class);
        }
    }
}
