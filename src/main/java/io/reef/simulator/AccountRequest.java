package io.reef.simulator;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Money;

/**
 * A control API account setting: {@code {"api_key": "...", "balance_usd": "1.50" | null, "submits_per_minute":
 * 10 | null}}. {@code api_key} is required; a field given as {@code null} clears the setting (unlimited), an
 * absent field leaves it as it is. Also reads the {@code {"api_key": "..."}} of the other account routes.
 *
 * @param apiKey the account's raw key (never answered nor logged)
 * @param setsBalance whether {@code balance_usd} was given
 * @param balanceMicros the balance in micro-dollars; null = unlimited
 * @param setsRateLimit whether {@code submits_per_minute} was given
 * @param submitsPerMinute the rate limit; null = unlimited
 */
record AccountRequest(String apiKey, boolean setsBalance, Long balanceMicros, boolean setsRateLimit,
        Integer submitsPerMinute) {

    private static final List<String> FIELDS = List.of("api_key", "balance_usd", "submits_per_minute");
    /** The largest balance one can set, in USD: its micro-dollars still fit in a long. */
    private static final BigDecimal MAX_BALANCE_USD = BigDecimal.valueOf(Long.MAX_VALUE / Money.MICROS_PER_USD);

    @Override
    public String toString() {
        return "AccountRequest[balanceMicros=" + balanceMicros + ", submitsPerMinute=" + submitsPerMinute + "]";
    }

    /**
     * @throws IllegalArgumentException with a message fit for a 400 response
     */
    static AccountRequest parse(JsonNode json) {
        String apiKey = apiKey(json);
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("Unknown account field '" + name + "'; known: " + FIELDS);
            }
        }
        boolean setsBalance = json.has("balance_usd");
        Long balance = setsBalance && !json.get("balance_usd").isNull() ? balanceMicros(json.get("balance_usd")) : null;
        boolean setsRateLimit = json.has("submits_per_minute");
        Integer rateLimit = setsRateLimit && !json.get("submits_per_minute").isNull()
                ? submitsPerMinute(json.get("submits_per_minute"))
                : null;
        return new AccountRequest(apiKey, setsBalance, balance, setsRateLimit, rateLimit);
    }

    /**
     * The {@code api_key} of an account request body.
     *
     * @throws IllegalArgumentException with a message fit for a 400 response
     */
    static String apiKey(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("Account request must be a JSON object");
        }
        String apiKey = SimulatorJson.text(json, "api_key");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("'api_key' is required and must be a non-empty string");
        }
        return apiKey;
    }

    /** Applies the settings given to the account of {@code provider}. */
    void applyTo(Simulator simulator, String provider) {
        if (setsBalance) {
            if (balanceMicros == null) {
                simulator.clearAccountBalance(provider, apiKey);
            } else {
                simulator.accountBalance(provider, apiKey, balanceMicros);
            }
        }
        if (setsRateLimit) {
            if (submitsPerMinute == null) {
                simulator.clearAccountRateLimit(provider, apiKey);
            } else {
                simulator.accountRateLimit(provider, apiKey, submitsPerMinute);
            }
        }
    }

    /** {@code {"balance_usd": "1.50" | null, "submits_per_minute": 10 | null}} of the account now. */
    static ObjectNode settingsJson(Simulator simulator, String provider, String apiKey) {
        ObjectNode json = SimulatorJson.object();
        var balance = simulator.accountBalance(provider, apiKey);
        if (balance.isPresent()) {
            json.put("balance_usd", Money.formatDollars(balance.getAsLong()).substring(1));
        } else {
            json.putNull("balance_usd");
        }
        var rateLimit = simulator.accountRateLimit(provider, apiKey);
        if (rateLimit.isPresent()) {
            json.put("submits_per_minute", rateLimit.getAsInt());
        } else {
            json.putNull("submits_per_minute");
        }
        return json;
    }

    private static long balanceMicros(JsonNode value) {
        BigDecimal usd = null;
        try {
            if (value.isNumber()) {
                usd = value.decimalValue();
            } else if (value.isTextual()) {
                usd = new BigDecimal(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        if (usd == null || usd.signum() < 0 || usd.compareTo(MAX_BALANCE_USD) > 0) {
            throw new IllegalArgumentException("'balance_usd' must be a non-negative USD amount (e.g. \"1.50\") or null");
        }
        try {
            return Money.usdToMicros(usd);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'balance_usd' must have at most 6 decimals");
        }
    }

    private static int submitsPerMinute(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new IllegalArgumentException("'submits_per_minute' must be a positive integer or null");
        }
        return value.intValue();
    }
}
