package io.reef.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;

/** One ledger entry as the operator sees it (JSON page or CSV statement line). */
@RegisterForReflection
public record StatementLine(long id, Instant createdAt, String tenantId, String tenantName, String jobId,
        String provider, String model, BigDecimal costUsd, BigDecimal priceUsd, BigDecimal marginUsd) {

    static StatementLine of(LedgerRow row) {
        return of(row.id(), row.createdAt(), row.tenantId().toString(), row.tenantName(), row.jobId(), row.provider(),
                row.model(), row.costMicros(), row.priceMicros());
    }

    static StatementLine of(long id, Instant createdAt, String tenantId, String tenantName, String jobId,
            String provider, String model, long costMicros, long priceMicros) {
        return new StatementLine(id, createdAt, tenantId, tenantName, jobId, provider, model,
                Money.microsToUsd(costMicros), Money.microsToUsd(priceMicros), Money.microsToUsd(priceMicros - costMicros));
    }

    static final String CSV_HEADER = "entry_id,created_at,tenant_id,tenant_name,job_id,provider,model,cost_usd,price_usd,margin_usd";

    String csv() {
        return String.join(",", Long.toString(id), createdAt.toString(), tenantId, csvText(tenantName), csvText(jobId),
                csvText(provider), csvText(model), costUsd.toPlainString(), priceUsd.toPlainString(),
                marginUsd.toPlainString());
    }

    /**
     * What a spreadsheet may read as the start of a formula: {@code = + - @}, and a TAB or CR,
     * which some spreadsheets skip before looking for one.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheets. */
    static String csvText(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)
                ? '"' + v.replace("\"", "\"\"") + '"'
                : v;
    }
}
