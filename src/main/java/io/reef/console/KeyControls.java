package io.reef.console;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateExtension;
import io.reef.console.view.Format;
import io.reef.tenant.KeyView;

/**
 * A key's own controls in words for the keys table ({@code {key:controls(k)}}): "$5.00 a month;
 * 30 requests a minute; 2 jobs at once; models a, b; expires 2027-07-01 00:00 UTC", or "none" when
 * only the tenant's limits apply.
 */
@TemplateExtension(namespace = "key")
public final class KeyControls {

    private KeyControls() {
    }

    public static String controls(KeyView key) {
        List<String> parts = new ArrayList<>();
        if (key.quota() != null) {
            String period = "total".equals(key.quota().period()) ? "in total" : "a " + key.quota().period();
            parts.add(UsdFormat.money(key.quota().limitUsd()) + " " + period
                    + " (" + UsdFormat.money(key.quota().remainingUsd()) + " left)");
        }
        if (key.rateLimit() != null && key.rateLimit().requestsPerMinute() != null) {
            parts.add(key.rateLimit().requestsPerMinute() + " requests a minute");
        }
        if (key.rateLimit() != null && key.rateLimit().maxConcurrentJobs() != null) {
            parts.add(key.rateLimit().maxConcurrentJobs() + " jobs at once");
        }
        if (key.allowedModels() != null) {
            parts.add("models " + String.join(", ", key.allowedModels()));
        }
        if (key.expiresAt() != null) {
            parts.add("expires " + Format.time(key.expiresAt()));
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }
}
