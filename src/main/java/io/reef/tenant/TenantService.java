package io.reef.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.cache.CacheInvalidateAll;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.ledger.QuotaReader;
import io.reef.ledger.QuotaSnapshot;
import io.reef.ledger.SpendRecalculation;

/** Tenant administration: create, read, list, patch. */
@ApplicationScoped
public class TenantService {

    private final QuotaReader quotas;
    private final SpendRecalculation recalculation;
    private final ReefClock clock;

    public TenantService(QuotaReader quotas, SpendRecalculation recalculation, ReefClock clock) {
        this.quotas = quotas;
        this.recalculation = recalculation;
        this.clock = clock;
    }

    @Transactional
    public TenantView create(ObjectNode body) {
        TenantSpec spec = TenantSpec.forCreate(body);
        Instant now = clock.now();
        Tenant t = new Tenant();
        t.id = UUID.randomUUID();
        t.status = TenantStatus.ACTIVE;
        t.createdAt = now;
        apply(t, spec);
        t.updatedAt = now;
        t.persistAndFlush();
        return view(t, now);
    }

    @Transactional
    public TenantView get(UUID id) {
        return view(find(id, LockModeType.NONE), clock.now());
    }

    @Transactional
    public List<TenantView> list(int offset, int limit) {
        List<Tenant> tenants = Tenant.find("order by createdAt, id").range(offset, offset + limit - 1).list();
        Instant now = clock.now();
        Map<UUID, QuotaSnapshot> q = quotas.read(tenants.stream().map(t -> t.id).toList(), now);
        return tenants.stream().map(t -> TenantView.of(t, q.get(t.id))).toList();
    }

    /** Changes take effect on the next request (suspension and markup within the key-cache TTL). */
    @Transactional
    @CacheInvalidateAll(cacheName = "api-keys")
    public TenantView patch(UUID id, ObjectNode body) {
        TenantSpec spec = TenantSpec.forPatch(body);
        Tenant t = find(id, LockModeType.PESSIMISTIC_WRITE);
        boolean periodChanged = spec.period() != null && spec.period() != t.quotaPeriod;
        apply(t, spec);
        Instant now = clock.now();
        t.updatedAt = now;
        t.flush();
        if (periodChanged) {
            recalculation.recalculate(id, now);
        }
        return view(t, now);
    }

    private static void apply(Tenant t, TenantSpec spec) {
        if (spec.name() != null) {
            t.name = spec.name();
        }
        if (spec.limitMicros() != null) {
            t.quotaLimitMicros = spec.limitMicros();
        }
        if (spec.period() != null) {
            t.quotaPeriod = spec.period();
        }
        if (spec.requestsPerMinute() != null) {
            t.requestsPerMinute = spec.requestsPerMinute().value();
        }
        if (spec.maxConcurrentJobs() != null) {
            t.maxConcurrentJobs = spec.maxConcurrentJobs().value();
        }
        if (spec.markupBp() != null) {
            t.markupBp = spec.markupBp();
        }
        if (spec.status() != null) {
            t.status = spec.status();
        }
    }

    private TenantView view(Tenant t, Instant now) {
        return TenantView.of(t, quotas.read(t.id, now));
    }

    private static Tenant find(UUID id, LockModeType lock) {
        Tenant t = Tenant.findById(id, lock);
        if (t == null) {
            throw ApiException.notFound("No tenant " + id);
        }
        return t;
    }
}
