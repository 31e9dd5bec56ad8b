package io.switchboard.platform.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form asks for the tenant and the email separately; Spring Security's form login reads one
 * {@code username}. This joins them into the {@code <tenant>/<email>} name {@link TenantUsers} loads.
 */
public final class SignInParameters extends OncePerRequestFilter {

    /** Where the sign-in form lives. */
    public static final String LOGIN_PATH = "/login";
    /** The form's tenant field. */
    public static final String TENANT = "tenant";
    /** The form's email field. */
    public static final String EMAIL = "email";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && LOGIN_PATH.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = request.getParameter(TENANT);
        String email = request.getParameter(EMAIL);
        if (tenant == null || email == null) {
            chain.doFilter(request, response);
            return;
        }
        String username = tenant.trim() + "/" + email.trim();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return "username".equals(name) ? username : super.getParameter(name);
            }
        }, response);
    }
}
