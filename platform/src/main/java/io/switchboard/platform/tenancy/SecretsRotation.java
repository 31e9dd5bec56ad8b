package io.switchboard.platform.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Completes a master key rotation at start-up: connections still sealed with a previous key are sealed again
 * with the active one, after which the previous key can be retired.
 */
@Component
class SecretsRotation implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SecretsRotation.class);

    private final ConnectionStore connections;

    SecretsRotation(ConnectionStore connections) {
        this.connections = connections;
    }

    @Override
    public void afterPropertiesSet() {
        int resealed = connections.resealWithActiveKey();
        if (resealed > 0) {
            log.info("Sealed the secrets of {} connection(s) again with the active master key", resealed);
        }
    }
}
