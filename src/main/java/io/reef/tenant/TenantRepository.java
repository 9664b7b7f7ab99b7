package io.reef.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * The tenant table's settings, through the {@link Tenant} entity in the caller's transaction. (Its
 * quota counters are the ledger's: {@code io.reef.ledger.LedgerRepository}.)
 */
@ApplicationScoped
public class TenantRepository {

    void insert(Tenant tenant) {
        tenant.persist();
    }

    Tenant find(UUID id) {
        return Tenant.findById(id);
    }

    /** The tenant, locked until the transaction ends (concurrent changes of its settings serialise). */
    Tenant lock(UUID id) {
        return Tenant.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    boolean exists(UUID id) {
        return Tenant.findById(id) != null;
    }

    /** Oldest first, a page at a time. */
    List<Tenant> page(int offset, int limit) {
        return Tenant.<Tenant> find("order by createdAt, id").range(offset, offset + limit - 1).list();
    }

    Optional<Tenant> firstNamed(String name) {
        return Tenant.<Tenant> find("name", name).firstResultOptional();
    }
}
