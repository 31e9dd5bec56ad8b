package io.switchboard.platform.auth;

import io.switchboard.platform.config.SwitchboardProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The bootstrap admin client: from {@code SWITCHBOARD_ADMIN_CLIENT_ID}/{@code _SECRET} when set (replacing
 * the stored one), otherwise generated on the first start and printed once.
 */
@Component
class AdminClientBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminClientBootstrap.class);

    private final ApiClients clients;
    private final SwitchboardProperties properties;

    AdminClientBootstrap(ApiClients clients, SwitchboardProperties properties) {
        this.clients = clients;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.adminClientId().isBlank() && !properties.adminClientSecret().isBlank()) {
            clients.putAdmin(properties.adminClientId(), properties.adminClientSecret());
            log.info("Admin client {} configured from the environment", properties.adminClientId());
            return;
        }
        if (clients.adminExists()) {
            return;
        }
        ApiClients.Created created = clients.create("bootstrap admin", null, List.of(ApiClients.ADMIN_SCOPE));
        // Printed once, on purpose: it is the only way to learn a generated secret.
        System.out.println("""

                ==================================================================
                 Switchboard admin client created (shown once, keep it safe):
                   client id:     %s
                   client secret: %s
                 Get a token:  curl -u <id>:<secret> -d grant_type=client_credentials \\
                                    -d scope=platform:admin %s/oauth2/token
                ==================================================================
                """.formatted(created.clientId(), created.clientSecret(), properties.publicBase()));
    }
}
