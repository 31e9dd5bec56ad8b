package io.switchboard.platform.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.platform.support.Problems;
import io.switchboard.platform.tenancy.TenantSlug;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-tenant API rate limits (token buckets): each tenant's API may take {@code per-second} requests a second
 * with bursts up to {@code burst}; beyond that the answer is 429 with {@code Retry-After}. The limit is checked
 * after authentication, so callers without a valid token cannot spend a tenant's budget.
 */
@Configuration(proxyBeanMethods = false)
class TenantRateLimits implements WebMvcConfigurer, HandlerInterceptor {

    private static final int MAX_TRACKED_TENANTS = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perSecond;
    private final long burst;
    private final JsonMapper json;

    TenantRateLimits(@Value("${switchboard.api.rate-limit.per-second:50}") long perSecond,
            @Value("${switchboard.api.rate-limit.burst:100}") long burst, JsonMapper json) {
        this.perSecond = perSecond;
        this.burst = Math.max(burst, perSecond);
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/tenants/{tenant}", "/api/v1/tenants/{tenant}/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String tenant = variables == null ? null : variables.get("tenant");
        if (tenant == null || !TenantSlug.isValid(tenant)) {
            return true;
        }
        if (buckets.size() > MAX_TRACKED_TENANTS) {
            buckets.clear();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(tenant, t -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Tenant " + tenant + " is over its API rate limit of " + perSecond + " requests a second"));
        return false;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
