package io.reef.devmode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.reef.tenant.ApiKeyService;
import io.reef.tenant.TenantService;
import io.reef.tenant.TenantView;

/**
 * Dev mode only: makes sure a demo tenant exists, issues it a fresh key and logs a
 * ready-to-paste curl line. (The key is printed on purpose: it is a throwaway dev-mode key
 * against the built-in simulator; nothing like this runs outside the dev profile.)
 */
@ApplicationScoped
public class DevDemoTenant {

    private static final Logger LOG = Logger.getLogger(DevDemoTenant.class);
    private static final String NAME = "demo (dev mode)";

    @jakarta.transaction.Transactional
    void onStart(@Observes StartupEvent event, TenantService tenants, ApiKeyService keys, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        if (!ConfigUtils.isProfileActive("dev")) {
            return;
        }
        TenantView demo = tenants.firstNamed(NAME).orElseGet(() -> {
            ObjectNode body = mapper.createObjectNode().put("name", NAME).put("markup_percent", 20);
            body.putObject("quota").put("limit_usd", 5).put("period", "day");
            return tenants.create(body);
        });
        String key = keys.issue(demo.id(), io.reef.tenant.KeySpec.named("dev-mode " + java.time.Instant.now())).key();
        String base = "http://localhost:" + port;
        LOG.infof("%n%n  Reef dev mode is ready (upstream: built-in simulator; operator token: dev-admin-token).%n"
                + "  Demo tenant %s, fresh key issued for this run. Try:%n%n"
                + "  curl -s %s/api/v1/images/generations -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' "
                + "-d '{\"model\":\"openai/gpt-image-2\",\"prompt\":\"A cute baby sea otter\"}'%n%n"
                + "  curl -s %s/reef/v1/me -H 'Authorization: Bearer %s'%n",
                demo.id(), base, key, base, key);
    }
}
