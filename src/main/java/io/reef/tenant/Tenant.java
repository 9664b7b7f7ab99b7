package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.reef.ledger.QuotaPeriod;

/**
 * A reseller's customer (a team). The quota counters (held, active jobs, period spend, rate
 * window) are owned by the ledger's SQL ({@code io.reef.ledger.Holds}) and never written
 * through this entity, so an admin PATCH cannot clobber a concurrent hold.
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
    public Instant createdAt;
    public Instant updatedAt;

    @Column(insertable = false, updatable = false)
    public long heldMicros;
    @Column(insertable = false, updatable = false)
    public int activeJobs;
    @Column(insertable = false, updatable = false)
    public Instant spentPeriodStart;
    @Column(insertable = false, updatable = false)
    public long spentMicros;
    @Column(insertable = false, updatable = false)
    public Instant rateWindowStart;
    @Column(insertable = false, updatable = false)
    public int rateWindowCount;
}
