package io.reef.console;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The names of the tenants a page lists, in one statement (no query per row). */
@ApplicationScoped
public class TenantNames {

    private final EntityManager em;

    public TenantNames(EntityManager em) {
        this.em = em;
    }

    /** Each known tenant's name by id; an unknown id has no entry. */
    @Transactional
    public Map<UUID, String> of(Collection<UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, name FROM tenant WHERE id IN (:ids)")
                .setParameter("ids", List.copyOf(ids)).getResultList();
        for (Object[] r : rows) {
            names.put((UUID) r[0], (String) r[1]);
        }
        return names;
    }
}
