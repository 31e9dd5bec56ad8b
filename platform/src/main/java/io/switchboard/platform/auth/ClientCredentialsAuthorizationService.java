package io.switchboard.platform.auth;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps no record of client-credentials grants: their self-contained JWTs are never looked up again, and
 * storing each would grow without bound under integrators' token requests. Other grants (the console's
 * authorization codes) are kept in memory until used, and forgotten once exchanged: the console gets no
 * refresh token, so nothing looks them up again, and a replayed code then finds nothing and is refused.
 */
class ClientCredentialsAuthorizationService implements OAuth2AuthorizationService {

    private final InMemoryOAuth2AuthorizationService others = new InMemoryOAuth2AuthorizationService();

    @Override
    public void save(OAuth2Authorization authorization) {
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return;
        }
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (code != null && code.isInvalidated() && authorization.getRefreshToken() == null) {
            // The in-memory service removes only the very object it stores, and this is a newer copy of it.
            OAuth2Authorization stored = others.findById(authorization.getId());
            if (stored != null) {
                others.remove(stored);
            }
            return;
        }
        others.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        others.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return others.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return others.findByToken(token, tokenType);
    }
}
