package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.reef.ledger.QuotaPeriod;

/**
 * A reseller's customer (a team): its settings, read and changed only through
 * {@link TenantRepository}. The tenant row's quota counters (held, active jobs, period spend,
 * lifetime spend, credit granted, rate window, the low-balance alert flag) are not mapped: they belong to the ledger's SQL
 * ({@code io.reef.ledger.LedgerRepository}),
 * so an admin PATCH cannot clobber a concurrent hold.
 */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public TenantStatus status;
    public long quotaLimitMicros;
    public QuotaPeriod quotaPeriod;
    public Integer requestsPerMinute;
    public Integer maxConcurrentJobs;
    public int markupBp;
    public BillingMode billingMode = BillingMode.POSTPAID;
    /** null: any model; else the models allowed, as each provider names a job's model (a model id, a mode). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedModels;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public Integer[] alertThresholdsPercent = { 50, 80, 100 };
    public Long lowBalanceMicros;
    public Instant createdAt;
    public Instant updatedAt;
}
