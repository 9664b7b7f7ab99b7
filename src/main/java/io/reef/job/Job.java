package io.reef.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.reef.ledger.HeldJob;

/** A forwarded generation, durable from before the tenant gets an answer until it is terminal. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** The opaque id the tenant sees (never the upstream id). */
    public String publicId;
    public UUID tenantId;
    public UUID apiKeyId;
    public String provider;
    public String model;
    public String upstreamId;
    public JobStatus status;
    public long holdMicros;
    public HoldState holdState;
    /** The tenant's markup when the job was admitted; its price is computed with it. */
    public int markupBp;
    /** Expected upstream cost (the hold before markup); charged when a completion's cost is unreadable. */
    public long expectedCostMicros;
    public Long costMicros;
    public Long priceMicros;
    public int timeoutSeconds;
    public String error;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant terminalAt;
    public Instant nextPollAt;
    public String leaseOwner;
    public Instant leaseUntil;
    public int pollCount;
    /** The provider's body that ended the job, as received; polls of a finished job are answered from it. */
    @Basic(fetch = FetchType.LAZY) // read only to answer a finished job, not with every list of jobs
    public String terminalBody;

    /** A hold moves one way: open -> posted or open -> voided, once (the database enforces it too). */
    void settleHold(HoldState settled) {
        if (holdState != HoldState.OPEN || settled == HoldState.OPEN) {
            throw new IllegalStateException("hold of job " + publicId + " is " + holdState + ", cannot become " + settled);
        }
        holdState = settled;
    }

    HeldJob held() {
        return new HeldJob(id, tenantId, provider, model, holdMicros, holdState == HoldState.OPEN);
    }

    JobView view() {
        return new JobView(id, publicId, tenantId, provider, model, upstreamId, status, markupBp, holdMicros,
                costMicros, priceMicros, timeoutSeconds, error, createdAt);
    }
}
