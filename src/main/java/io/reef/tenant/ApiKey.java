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
 * A tenant's API key. Only its SHA-256 hash and a short display prefix are stored. Its own
 * controls (budget, rate limits, allowed models, expiry) are mapped; its counters (held, active
 * jobs, period spend, rate window) are not: they belong to the ledger's SQL, like the tenant's.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID tenantId;
    public String name;
    public String prefix;
    public byte[] keyHash;
    public Instant createdAt;
    public Instant revokedAt;
    public Long quotaLimitMicros;
    public QuotaPeriod quotaPeriod;
    public Integer requestsPerMinute;
    public Integer maxConcurrentJobs;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] allowedModels;
    public Instant expiresAt;

    boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
