package io.reef.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Console and portal pages as responses: a Qute template (under {@code templates/console/} and
 * {@code templates/portal/}, every value HTML-escaped) rendered to the body, as the printable
 * statement is. The security headers of every page are {@link PageHeaders}'.
 */
@ApplicationScoped
public class Pages {

    static final String HTML = "text/html; charset=UTF-8";

    private final Template message;

    public Pages(@Location("console/message.html") Template message) {
        this.message = message;
    }

    public Response.ResponseBuilder html(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type(HTML);
    }

    /** A page that only says why a request was refused. */
    public Response refused(int status, String text) {
        return html(status, message.data("title", "Refused").data("text", text)).build();
    }
}
