package io.switchboard.platform.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.switchboard.platform.config.SwitchboardProperties;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.secrets.SecretsVault;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the embedded authorization server ({@code /oauth2/*}), the console users' sign-in form
 * ({@code /login}, a session that only the authorization endpoint reads), and the API (OAuth2 bearer JWTs, no session). Tenant
 * paths are guarded by {@link TenantAccess}. Webhooks pass none of them: they authenticate by the providers'
 * signatures.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, OAuth2AuthorizationService authorizations) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        // Only a browser arriving at the authorization endpoint is sent to the sign-in form, and only that
        // request is remembered to continue after it; token requests never create a session.
        HttpSessionRequestCache authorizeRequests = new HttpSessionRequestCache();
        authorizeRequests.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"));
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.authorizationService(authorizations))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
                .requestCache(cache -> cache.requestCache(authorizeRequests))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SignInParameters.LOGIN_PATH),
                                browsers)
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * Webhooks authenticate by the providers' signatures, checked by their connectors, so they pass no security
     * filter at all: none of them would do anything for a webhook, and running them cost a tenth of a webhook's CPU.
     * The firewall still applies (path traversal, malformed URLs and headers are still refused).
     */
    @Bean
    WebSecurityCustomizer webhooksOutsideTheFilterChain() {
        return web -> web.ignoring().requestMatchers("/webhooks/**", "/api/webhooks/**");
    }

    /**
     * The console users' sign-in form. Its session exists only so that the authorization endpoint knows who
     * signed in; the API never reads it. Signing out is a plain link (GET), so the console needs no CSRF token.
     */
    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.securityMatcher(SignInParameters.LOGIN_PATH, "/logout")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(SignInParameters.LOGIN_PATH)
                        .defaultSuccessUrl("/console/")
                        .failureUrl(SignInParameters.LOGIN_PATH + "?error"))
                .logout(logout -> logout
                        .logoutRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/logout"))
                        .logoutSuccessUrl(SignInParameters.LOGIN_PATH + "?logout"))
                .addFilterBefore(new SignInParameters(), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, TenantAccess tenantAccess) throws Exception {
        String admin = "SCOPE_" + ApiClients.ADMIN_SCOPE;
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/console/**", "/error").permitAll()
                        .requestMatchers("/api/v1/tenants").hasAuthority(admin)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/tenants/{tenant}").hasAuthority(admin)
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/tenants/{tenant}").access(tenantAccess.administration())
                        .requestMatchers("/api/v1/admin/**").hasAuthority(admin)
                        .requestMatchers("/api/v1/tenants/{tenant}/api-clients", "/api/v1/tenants/{tenant}/api-clients/**",
                                "/api/v1/tenants/{tenant}/users", "/api/v1/tenants/{tenant}/users/**")
                        .access(tenantAccess.administration())
                        .requestMatchers("/api/v1/tenants/{tenant}", "/api/v1/tenants/{tenant}/**").access(tenantAccess)
                        .requestMatchers("/api/v1/connectors").authenticated()
                        .anyRequest().hasAuthority(admin))
                .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(Placements placements, SecretsVault vault) {
        return SigningKeys.load(placements, vault);
    }

    /**
     * The embedded server's keys, or an external issuer's when one is configured. The embedded server's tokens
     * are also refused once their API client is revoked or their console user disabled; an external issuer's
     * credentials are its own business.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer, ApiClients clients,
            TenantUsers users, Clock clock) {
        if (!externalIssuer.isBlank()) {
            return JwtDecoders.fromIssuerLocation(externalIssuer);
        }
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) org.springframework.security.config.annotation.web.configuration
                .OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new RevokedCredentialCheck(clients::isActive, (tenant, email) -> users.activeRole(tenant, email).isPresent(),
                        clock)));
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SwitchboardProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.publicBase()).build();
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new ClientCredentialsAuthorizationService();
    }

    /**
     * Puts the tenant into tokens as the {@code tenant} claim: the client's tenant for client-credentials
     * tokens, the signed-in user's tenant for the console's authorization-code tokens. A user disabled since
     * signing in gets no new token. A user whose role is ADMIN (read now, not at sign-in) also gets
     * {@code tenant:admin} among the token's scopes.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaim(TenantUsers users) {
        return context -> {
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                if (!(context.getPrincipal().getPrincipal() instanceof TenantUser user)) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED));
                }
                TenantUsers.Role role = users.activeRole(user.tenant(), user.email())
                        .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                                "the user is disabled", null)));
                context.getClaims().claim("tenant", user.tenant());
                if (role == TenantUsers.Role.ADMIN) {
                    context.getClaims().claims(claims -> {
                        Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
                        scopes.add(ApiClients.TENANT_ADMIN_SCOPE);
                        claims.put(OAuth2ParameterNames.SCOPE, scopes);
                    });
                }
                return;
            }
            Object tenant = context.getRegisteredClient().getClientSettings().getSetting(ApiClients.TENANT_SETTING);
            if (tenant != null) {
                context.getClaims().claim("tenant", tenant.toString());
            }
        };
    }
}
