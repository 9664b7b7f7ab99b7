package io.reef.ledger;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One charge: a completed job's upstream cost and the tenant's price, both in micro-dollars, and
 * whether it posted the job's hold or came late, after the hold was voided.
 * {@code job_id} is unique, so a job can be charged at most once whoever observes it.
 */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long jobId;
    public UUID tenantId;
    public String provider;
    public String model;
    public long costMicros;
    public long priceMicros;
    /** {@code charge} or {@code late_charge} (see {@link LedgerKind}). */
    public String kind;
    public Instant createdAt;
}
