package io.switchboard.platform.ingress;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps webhook requests out of Spring's per-request observation. It builds a context, tags and a timer sample
 * for each request, which showed as a visible share of the CPU a webhook costs; {@link IngressMetrics} counts and
 * times webhooks by provider instead. API requests keep their {@code http.server.requests} metrics.
 */
@Configuration(proxyBeanMethods = false)
class IngressObservations {

    @Bean
    ObservationPredicate webhooksUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request && isWebhook(request));
    }

    private static boolean isWebhook(ServerRequestObservationContext request) {
        String uri = request.getCarrier().getRequestURI();
        return uri.startsWith("/webhooks/") || uri.startsWith("/api/webhooks/");
    }
}
