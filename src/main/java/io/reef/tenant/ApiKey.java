package io.reef.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's API key. Only its SHA-256 hash and a short display prefix are stored. */
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
}
