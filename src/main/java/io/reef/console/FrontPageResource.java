package io.reef.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** {@code /}: a small page linking to the operator's console and the tenants' portal. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class FrontPageResource {

    private final Pages pages;
    private final Template front;

    public FrontPageResource(Pages pages, @Location("console/front.html") Template front) {
        this.pages = pages;
        this.front = front;
    }

    @GET
    public Response front() {
        return pages.html(200, front.instance()).build();
    }
}
