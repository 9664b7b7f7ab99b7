package io.reef.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reef.event.EventView;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event's data in words on the events page: amounts ({@code *_usd}) as money, percentages with
 * their sign, times in UTC, the tenant left to its own column, anything else as its text; and the
 * deliveries counted by state.
 */
class EventLineSaysWhatHappenedInWordsTest {

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    void aBudgetThresholdReadsAsMoneyPercentAndAUtcTime() throws Exception {
        assertEquals("threshold: 80% \u00b7 period: month \u00b7 period start: 2026-12-01 00:00 UTC \u00b7 spent: $1,234.57"
                + " \u00b7 limit: $0.00",
                EventLine.summary(mapper.readTree("""
                        {"tenant_id": "6f1c1c9e-3c1f-4c1e-9a51-0c1b1a7f0d11", "threshold_percent": 80, "period": "month",
                         "period_start": "2026-12-01T00:00:00Z", "spent_usd": 1234.565, "limit_usd": 0.000001}""")));
    }

    @Test
    void anAccountAlertKeepsItsTextAndOddValuesStayReadable() throws Exception {
        assertEquals("provider: sharkai \u00b7 account: main \u00b7 status: 402 \u00b7 message: <b>Payment</b> required",
                EventLine.summary(mapper.readTree("""
                        {"provider": "sharkai", "account": "main", "status": 402, "message": "<b>Payment</b> required"}""")));
        assertEquals("available: 0.0000001 USD \u00b7 low balance: none \u00b7 granted: lots \u00b7 extra: [1,2]",
                EventLine.summary(mapper.readTree("""
                        {"available_usd": 0.0000001, "low_balance_usd": null, "granted_usd": "lots", "extra": [1, 2]}""")));
        assertEquals("", EventLine.summary(null));
        assertEquals("", EventLine.summary(mapper.readTree("{}")));
    }

    @Test
    void deliveriesAreCountedByState() {
        assertEquals("no webhook", EventLine.deliveries(List.of()));
        assertEquals("2 delivered, 1 pending", EventLine.deliveries(List.of(delivery("delivered"), delivery("pending"),
                delivery("delivered"))));
    }

    private static EventView.DeliveryView delivery(String state) {
        return new EventView.DeliveryView(UUID.randomUUID(), state, 1, 200, null, Instant.EPOCH, null, null);
    }
}
