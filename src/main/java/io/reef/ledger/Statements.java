package io.reef.ledger;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.reef.common.ApiException;
import io.reef.common.Money;

/**
 * Monthly statements (src/docs/guide/statements.md): balance at T = credit granted before T
 * and not expired at T - charges before T, applied literally at the month's start and end, so
 * closing = opening + credits - expired - charges to the micro-dollar. Postpaid tenants get the
 * same statement (their balance is usually negative).
 */
@ApplicationScoped
public class Statements {

    /** Whose statement it is: the operator's also shows the upstream cost and the margin. */
    public enum Audience {
        OPERATOR,
        TENANT
    }

    private final StatementQueries queries;

    public Statements(StatementQueries queries) {
        this.queries = queries;
    }

    /** The tenant's statement for the month, read from one snapshot; 404 if there is no such tenant. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Statement statement(UUID tenantId, StatementMonth month, Audience audience) {
        queries.oneSnapshot();
        StatementQueries.Head head = queries.head(tenantId, month.from(), month.to());
        if (head == null) {
            throw ApiException.notFound("No such tenant");
        }
        boolean operator = audience == Audience.OPERATOR;
        List<Statement.Credit> credits = queries.credits(tenantId, month.from(), month.to()).stream()
                .map(c -> new Statement.Credit(c.createdAt(), c.reference(), c.note(), Money.microsToUsd(c.amountMicros()),
                        c.expiresAt()))
                .toList();
        long count = 0;
        long price = 0;
        long cost = 0;
        List<StatementQueries.ChargeRow> rows = queries.charges(tenantId, month.from(), month.to());
        for (StatementQueries.ChargeRow r : rows) {
            count += r.count();
            price = Math.addExact(price, r.priceMicros());
            cost = Math.addExact(cost, r.costMicros());
        }
        List<Statement.Charge> charges = rows.stream()
                .map(r -> new Statement.Charge(r.provider(), r.model(), r.count(), Money.microsToUsd(r.priceMicros()),
                        operator ? Money.microsToUsd(r.costMicros()) : null,
                        operator ? Money.microsToUsd(r.priceMicros() - r.costMicros()) : null))
                .toList();
        long opening = head.openingCreditMicros() - head.chargedBeforeMicros();
        long closing = opening + head.grantedMicros() - head.expiredMicros() - price;
        return new Statement(new Statement.TenantRef(tenantId.toString(), head.tenantName()), month.month().toString(),
                month.from(), month.to(), month.complete(), head.billingMode(), Money.microsToUsd(opening), credits,
                Money.microsToUsd(head.grantedMicros()), Money.microsToUsd(head.expiredMicros()), charges, count,
                Money.microsToUsd(price), operator ? Money.microsToUsd(cost) : null,
                operator ? Money.microsToUsd(price - cost) : null, Money.microsToUsd(closing));
    }
}
