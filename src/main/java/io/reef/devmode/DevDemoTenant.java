package io.reef.devmode;

import java.util.Optional;

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
 * Dev mode only: makes sure a demo tenant exists, issues it a fresh key, logs the console's address
 * with the dev operator token and a ready-to-paste curl line, and, when the demo tenant has spent
 * nothing yet this period, sends the {@link DevDemoConfig} generations through Reef itself (tenant
 * API, holds, the built-in simulator, charges) so the console opens on real simulated spend. (The
 * key and the token are printed on purpose: throwaway dev-mode values against the simulator;
 * nothing like this runs outside the dev profile.)
 */
@ApplicationScoped
public class DevDemoTenant {

    private static final Logger LOG = Logger.getLogger(DevDemoTenant.class);
    private static final String NAME = "demo (dev mode)";
    /** The dev profile's operator token (application.properties); a token of one's own is never logged. */
    private static final String DEV_TOKEN = "dev-admin-token";

    @jakarta.transaction.Transactional
    void onStart(@Observes StartupEvent event, TenantService tenants, ApiKeyService keys, ObjectMapper mapper,
            DevDemoConfig demo, @ConfigProperty(name = "reef.admin.token") Optional<String> operatorToken,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        if (!ConfigUtils.isProfileActive("dev")) {
            return;
        }
        TenantView tenant = tenants.firstNamed(NAME).orElseGet(() -> {
            ObjectNode body = mapper.createObjectNode().put("name", NAME).put("markup_percent", 20);
            body.putObject("quota").put("limit_usd", 5).put("period", "day");
            return tenants.create(body);
        });
        String key = keys.issue(tenant.id(), io.reef.tenant.KeySpec.named("dev-mode " + java.time.Instant.now())).key();
        String base = "http://localhost:" + port;
        LOG.infof("%n%n  Reef dev mode is ready (upstream: built-in simulator).%n"
                + "  Console: %s/console/ (operator token: %s)   Portal: %s/portal/ (log in with the key below)%n"
                + "  Demo tenant %s, fresh key issued for this run. Try:%n%n"
                + "  curl -s %s/api/v1/images/generations -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' "
                + "-d '{\"model\":\"openai/gpt-image-2\",\"prompt\":\"A cute baby sea otter\"}'%n%n"
                + "  curl -s %s/reef/v1/me -H 'Authorization: Bearer %s'%n",
                base, operatorToken.filter(DEV_TOKEN::equals).isPresent() ? DEV_TOKEN : "the value of REEF_ADMIN_TOKEN", base,
                tenant.id(), base,
                key, base, key);
        if (tenant.quota().spentUsd().signum() == 0) {
            Thread sender = new Thread(() -> DemoSpend.send(base, key, demo), "reef-dev-demo-spend");
            sender.setDaemon(true);
            sender.start();
        }
    }
}
