package io.switchboard.platform.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.switchboard.platform.database.Placements;
import io.switchboard.platform.secrets.SecretsVault;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token signing key, kept in the platform schema sealed by the secrets vault, so tokens survive a
 * restart and every platform node signs and verifies with the same key.
 */
final class SigningKeys {

    private SigningKeys() {}

    static JWKSource<SecurityContext> load(Placements placements, SecretsVault vault) {
        JdbcClient jdbc = placements.main().jdbc();
        RSAKey key = stored(jdbc, vault).orElseGet(() -> {
            RSAKey generated = generate();
            SecretsVault.Sealed sealed = vault.seal(generated.toJSONString().getBytes(StandardCharsets.UTF_8),
                    "signing-key:" + generated.getKeyID());
            jdbc.sql("INSERT INTO platform.signing_keys (kid, key_ciphertext, key_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(generated.getKeyID(), sealed.ciphertext(), sealed.keyId()).update();
            // Another node may have won the race: use whatever is stored first.
            return stored(jdbc, vault).orElse(generated);
        });
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    private static Optional<RSAKey> stored(JdbcClient jdbc, SecretsVault vault) {
        return jdbc.sql("SELECT kid, key_ciphertext, key_id FROM platform.signing_keys ORDER BY created_at, kid LIMIT 1")
                .query((rs, row) -> {
                    byte[] json = vault.open(new SecretsVault.Sealed(rs.getString("key_id"), rs.getBytes("key_ciphertext")),
                            "signing-key:" + rs.getString("kid"));
                    try {
                        return RSAKey.parse(new String(json, StandardCharsets.UTF_8));
                    } catch (ParseException e) {
                        throw new IllegalStateException("stored signing key is unreadable", e);
                    }
                })
                .optional();
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
