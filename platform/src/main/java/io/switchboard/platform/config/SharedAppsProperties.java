package io.switchboard.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Operator-wide provider apps ({@code switchboard.shared-apps.<provider>.*}): one app of the operator's (a Meta
 * app) serving many tenants through {@code /webhooks/_shared/<provider>}, each event routed to the tenants whose
 * connection setting {@code route-setting} equals the event's routing key (the page id).
 *
 * @param sharedApps the apps by provider id
 */
@ConfigurationProperties("switchboard")
public record SharedAppsProperties(Map<String, SharedApp> sharedApps) {

    public SharedAppsProperties {
        sharedApps = sharedApps == null ? Map.of() : new LinkedHashMap<>(sharedApps);
    }

    /**
     * @param routeSetting the tenant connection setting that holds the routing key, for example {@code pageId}
     * @param secrets the operator's secrets for the app, by the connector's field names (appSecret, verifyToken)
     */
    public record SharedApp(String routeSetting, Map<String, String> secrets) {
        public SharedApp {
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "SharedApp[routeSetting=" + routeSetting + ", secrets=" + secrets.keySet() + "]";
        }
    }
}
