package io.reef.tenant;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "reef.admin")
public interface AdminConfig {

    /**
     * The operator token for /reef/admin (env REEF_ADMIN_TOKEN). Outside dev mode: required, 32+ characters, not an example.
     */
    Optional<String> token();
}
