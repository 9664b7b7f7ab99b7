package io.reef.console;

import java.util.ArrayList;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/** Keeps the web pages ({@code /}, {@code /console/...}, {@code /portal/...}) out of the API's OpenAPI document. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class HidePagesFromOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (String path : new ArrayList<>(paths.getPathItems().keySet())) {
            if (path.equals("/") || Audience.forPath(path) != null) {
                paths.removePathItem(path);
            }
        }
    }
}
