package io.reef.ledger;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The statement as CSV (RFC 4180, CRLF): the summary as {@code field,value} rows, the month's
 * credits, its charges by provider and model, then one row per ledger entry of the month, streamed
 * by {@link LedgerLines}. Text cells go through {@link StatementLine#csvText} (quoted, formulas
 * neutralised); the tenant's CSV has no cost or margin.
 */
@ApplicationScoped
public class StatementCsv {

    private static final String EOL = "\r\n";

    private final LedgerLines lines;

    public StatementCsv(LedgerLines lines) {
        this.lines = lines;
    }

    public void write(Statement s, Writer out) throws IOException {
        boolean operator = s.operatorView();
        field(out, "tenant_id", s.tenant().id());
        field(out, "tenant_name", s.tenant().name());
        field(out, "month", s.month());
        field(out, "from", s.from().toString());
        field(out, "to", s.to().toString());
        field(out, "complete", Boolean.toString(s.complete()));
        field(out, "billing_mode", s.billingMode());
        amount(out, "opening_balance_usd", s.openingBalanceUsd());
        amount(out, "credits_usd", s.creditsUsd());
        amount(out, "expired_credit_usd", s.expiredCreditUsd());
        row(out, "charges_count", Long.toString(s.chargesCount()));
        amount(out, "total_charges_usd", s.totalChargesUsd());
        if (operator) {
            amount(out, "total_cost_usd", s.totalCostUsd());
            amount(out, "total_margin_usd", s.totalMarginUsd());
        }
        amount(out, "closing_balance_usd", s.closingBalanceUsd());

        out.write(EOL + "credit_created_at,reference,note,amount_usd,expires_at" + EOL);
        for (Statement.Credit c : s.credits()) {
            row(out, c.createdAt().toString(), StatementLine.csvText(c.reference()), StatementLine.csvText(c.note()),
                    usd(c.amountUsd()), c.expiresAt() == null ? "" : c.expiresAt().toString());
        }

        out.write(EOL + (operator ? "provider,model,count,price_usd,cost_usd,margin_usd" : "provider,model,count,price_usd")
                + EOL);
        for (Statement.Charge c : s.charges()) {
            String common = String.join(",", StatementLine.csvText(c.provider()), StatementLine.csvText(c.model()),
                    Long.toString(c.count()), usd(c.priceUsd()));
            row(out, operator ? common + "," + usd(c.costUsd()) + "," + usd(c.marginUsd()) : common);
        }

        out.write(EOL + (operator ? "entry_id,created_at,job_id,provider,model,price_usd,cost_usd"
                : "entry_id,created_at,job_id,provider,model,price_usd") + EOL);
        Instant from = s.from();
        lines.each(UUID.fromString(s.tenant().id()), from, s.to(), line -> {
            String common = String.join(",", Long.toString(line.id()), line.createdAt().toString(),
                    StatementLine.csvText(line.jobId()), StatementLine.csvText(line.provider()),
                    StatementLine.csvText(line.model()), usd(line.priceUsd()));
            row(out, operator ? common + "," + usd(line.costUsd()) : common);
        });
        out.flush();
    }

    /** A text field of the summary (quoted, formulas neutralised). */
    private static void field(Writer out, String name, String value) throws IOException {
        row(out, name, StatementLine.csvText(value));
    }

    /** An amount of the summary: a plain decimal, which a spreadsheet reads as a number (negative ones too). */
    private static void amount(Writer out, String name, BigDecimal usd) throws IOException {
        row(out, name, usd(usd));
    }

    private static void row(Writer out, String... cells) throws IOException {
        out.write(String.join(",", cells));
        out.write(EOL);
    }

    private static String usd(BigDecimal amount) {
        return amount.toPlainString();
    }
}
