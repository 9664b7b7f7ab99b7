package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.reef.ledger.QuotaPeriod;

/**
 * A reseller's customer (a team): its settings, read and changed only through
 * {@link TenantRepository}. The tenant row's quota counters (held, active jobs, period spend,
 * rate window) are not mapped: they belong to the ledger's SQL ({@code io.reef.ledger.LedgerRepository}),
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
    public Instant createdAt;
    public Instant updatedAt;
}
