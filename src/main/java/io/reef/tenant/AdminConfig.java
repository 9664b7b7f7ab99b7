package io.reef.tenant;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "reef.admin")
public interface AdminConfig {

    /** The operator token for /reef/admin (env REEF_ADMIN_TOKEN). Required outside dev mode. */
    Optional<String> token();
}
