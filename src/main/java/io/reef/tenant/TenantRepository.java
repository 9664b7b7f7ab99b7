package io.reef.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /** Each known tenant's name by id, in one statement; an unknown id has no entry. */
    Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Tenant.<Tenant> list("id in ?1", List.copyOf(ids)).stream()
                .collect(Collectors.toMap(t -> t.id, t -> t.name));
    }

    Optional<Tenant> firstNamed(String name) {
        return Tenant.<Tenant> find("name", name).firstResultOptional();
    }
}
