package io.reef.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The share of the limit spent, to a tenth of a percent rounded half up, in integer arithmetic; no limit reads as a dash. */
class PortalAccountShowsTheShareOfTheLimitSpentTest {

    @Test
    void theShareIsRoundedToATenthOfAPercent() {
        assertEquals("0.0%", PortalAccount.percent(0, 25_000_000));
        assertEquals("0.7%", PortalAccount.percent(185_100, 25_000_000));
        assertEquals("33.3%", PortalAccount.percent(1, 3));
        assertEquals("66.7%", PortalAccount.percent(2, 3));
        assertEquals("0.1%", PortalAccount.percent(5, 10_000));
        assertEquals("100.0%", PortalAccount.percent(25_000_000, 25_000_000));
        assertEquals("120.0%", PortalAccount.percent(30, 25));
        assertEquals("\u2014", PortalAccount.percent(10, 0));
    }

    @Test
    void theMeterStopsAtTheLimit() {
        assertEquals(25L, account(30, 25).meterValue());
        assertEquals(10L, account(10, 25).meterValue());
    }

    private static PortalAccount account(long spent, long limit) {
        return new PortalAccount("t", "active", "month", null, limit, spent, 0, Math.max(0, limit - spent), false, 0, 0,
                0, 0);
    }
}
