package io.reef.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * What every portal page has: the signed-in tenant's logout form (with the session's CSRF token),
 * and the portal's own "not found" page (the tenant's navigation and a sentence saying what was
 * not found, nothing of what may exist under that name).
 */
@ApplicationScoped
class PortalPages {

    static final String LOGOUT = "/portal/logout";

    private final CurrentSession current;
    private final Pages pages;
    private final Template notFound;

    PortalPages(CurrentSession current, Pages pages, @Location("portal/not-found.html") Template notFound) {
        this.current = current;
        this.pages = pages;
        this.notFound = notFound;
    }

    /** The template with what the layout of a signed-in page needs. */
    TemplateInstance page(Template template) {
        return template.data("csrf", current.get().csrfToken()).data("logout", LOGOUT);
    }

    Response ok(TemplateInstance page) {
        return pages.html(200, page).build();
    }

    Response status(int status, TemplateInstance page) {
        return pages.html(status, page).build();
    }

    /** 404 with the portal's page saying, in words, what is not there. */
    Response notFound(String title, String text) {
        return pages.html(404, page(notFound).data("title", title).data("text", text)).build();
    }
}
