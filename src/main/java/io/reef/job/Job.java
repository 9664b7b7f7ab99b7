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

/**
 * A forwarded generation, durable from before the tenant gets an answer until it is terminal: the
 * job table's row, read and changed only through {@link JobRepository} (its Panache statics are not
 * called anywhere else). Within the job package only; everything outside sees a {@link JobView}.
 */
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
    /** The upstream account that created the job (V8); its polls and cancels use it. Null until submitted. */
    public String upstreamAccount;
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

    /** A new job's row, not yet written: {@link JobRepository#insertWithHold} writes it together with its hold. */
    static Job admitted(AdmissionRequest request, String publicId, long holdMicros, Instant now, Instant firstLookAt) {
        Job job = new Job();
        job.publicId = publicId;
        job.tenantId = request.principal().tenantId();
        job.apiKeyId = request.principal().keyId();
        job.provider = request.provider();
        job.model = request.model();
        job.status = JobStatus.SUBMITTING;
        job.holdMicros = holdMicros;
        job.holdState = HoldState.OPEN;
        job.markupBp = request.principal().markupBp();
        job.expectedCostMicros = request.expectedCostMicros();
        job.timeoutSeconds = request.timeoutSeconds();
        job.createdAt = now;
        job.updatedAt = now;
        job.nextPollAt = firstLookAt;
        return job;
    }

    boolean holdOpen() {
        return holdState == HoldState.OPEN;
    }

    /** A hold moves one way: open -> posted or open -> voided, once (the database enforces it too). */
    void postHold() {
        moveHold(HoldState.POSTED);
    }

    void voidHold() {
        moveHold(HoldState.VOIDED);
    }

    private void moveHold(HoldState next) {
        if (!holdOpen()) {
            throw new IllegalStateException("hold of job " + publicId + " is " + holdState + ", cannot become " + next);
        }
        holdState = next;
    }

    JobView view() {
        return new JobView(id, publicId, tenantId, provider, model, upstreamId, upstreamAccount, status, markupBp, holdMicros,
                costMicros, priceMicros, timeoutSeconds, error, createdAt, terminalAt);
    }
}
