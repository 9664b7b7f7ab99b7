package io.reef.tenant;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.cache.CacheInvalidateAll;
import io.reef.common.ApiException;
import io.reef.common.ReefClock;
import io.reef.ledger.QuotaSnapshot;
import io.reef.ledger.Quotas;

/**
 * Tenant administration: create, read, list, patch. A tenant's view is its settings with its
 * quota position, which the ledger computes from the tenant row as this transaction has it
 * (Hibernate writes the new or changed settings first).
 */
@ApplicationScoped
public class TenantService {

    private final TenantRepository tenants;
    private final Quotas quotas;
    private final ReefClock clock;

    public TenantService(TenantRepository tenants, Quotas quotas, ReefClock clock) {
        this.tenants = tenants;
        this.quotas = quotas;
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
        tenants.insert(t);
        return view(t, now);
    }

    @Transactional
    public TenantView get(UUID id) {
        return view(found(tenants.find(id), id), clock.now());
    }

    /** The first tenant with this name (the dev-mode demo tenant is found by its name). */
    /** The names of the tenants a page lists, in one statement (no query per row); an unknown id has no entry. */
    @Transactional
    public Map<UUID, String> names(Collection<UUID> ids) {
        return tenants.names(ids);
    }

    @Transactional
    public Optional<TenantView> firstNamed(String name) {
        return tenants.firstNamed(name).map(t -> view(t, clock.now()));
    }

    @Transactional
    public List<TenantView> list(int offset, int limit) {
        List<Tenant> page = tenants.page(offset, limit);
        Map<UUID, QuotaSnapshot> q = quotas.read(page.stream().map(t -> t.id).toList(), clock.now());
        return page.stream().map(t -> TenantView.of(t, q.get(t.id))).toList();
    }

    /** Changes take effect on the next request (suspension and markup within the key-cache TTL). */
    @Transactional
    @CacheInvalidateAll(cacheName = "api-keys")
    public TenantView patch(UUID id, ObjectNode body) {
        TenantSpec spec = TenantSpec.forPatch(body);
        Tenant t = found(tenants.lock(id), id);
        boolean periodChanged = spec.period() != null && spec.period() != t.quotaPeriod;
        apply(t, spec);
        Instant now = clock.now();
        t.updatedAt = now;
        if (periodChanged) {
            quotas.recalculateSpend(id, now);
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
        if (spec.billingMode() != null) {
            t.billingMode = spec.billingMode();
        }
        if (spec.allowedModels() != null) {
            List<String> models = spec.allowedModels().value();
            t.allowedModels = models == null ? null : models.toArray(String[]::new);
        }
        if (spec.alertThresholdsPercent() != null) {
            t.alertThresholdsPercent = spec.alertThresholdsPercent().toArray(Integer[]::new);
        }
        if (spec.lowBalanceMicros() != null) {
            t.lowBalanceMicros = spec.lowBalanceMicros().value();
        }
    }

    private TenantView view(Tenant t, Instant now) {
        return TenantView.of(t, quotas.read(t.id, now));
    }

    private static Tenant found(Tenant t, UUID id) {
        if (t == null) {
            throw ApiException.notFound("No tenant " + id);
        }
        return t;
    }
}
