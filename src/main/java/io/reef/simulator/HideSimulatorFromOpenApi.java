package io.reef.simulator;

import java.util.ArrayList;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/** Keeps the simulator's endpoints ({@code /sim/...}) out of the public OpenAPI document. */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class HideSimulatorFromOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (String path : new ArrayList<>(paths.getPathItems().keySet())) {
            if (path.equals("/sim") || path.startsWith("/sim/")) {
                paths.removePathItem(path);
            }
        }
    }
}
