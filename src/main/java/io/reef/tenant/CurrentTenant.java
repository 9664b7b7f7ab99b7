package io.reef.tenant;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated tenant of the current request, set by {@link AuthFilters}. */
@RequestScoped
public class CurrentTenant {

    private TenantPrincipal principal;

    public TenantPrincipal get() {
        if (principal == null) {
            throw new IllegalStateException("no authenticated tenant on this request");
        }
        return principal;
    }

    void set(TenantPrincipal principal) {
        this.principal = principal;
    }
}
