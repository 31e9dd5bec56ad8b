package io.switchboard.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.platform.config.SwitchboardProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsVaultTest {

    private static final String KEY_A = "a:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = "b:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    @Test
    void sealsAndOpensForTheSameOwnerOnly() {
        SecretsVault vault = vault(KEY_A, "");
        SecretsVault.Sealed sealed = vault.seal("whsec_123".getBytes(StandardCharsets.UTF_8), "connection:1:stripe");

        assertThat(sealed.keyId()).isEqualTo("a");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("whsec_123");
        assertThat(vault.open(sealed, "connection:1:stripe")).asString().isEqualTo("whsec_123");
        assertThatThrownBy(() -> vault.open(sealed, "connection:2:stripe")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        SecretsVault vault = vault(KEY_A, "");
        SecretsVault.Sealed sealed = vault.seal("secret".getBytes(StandardCharsets.UTF_8), "owner");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> vault.open(new SecretsVault.Sealed("a", tampered), "owner"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoSealsOfTheSameValueDiffer() {
        SecretsVault vault = vault(KEY_A, "");
        assertThat(vault.seal(new byte[] {1, 2, 3}, "o").ciphertext()).isNotEqualTo(vault.seal(new byte[] {1, 2, 3}, "o").ciphertext());
    }

    @Test
    void afterRotationOldCiphertextsStillOpenAndNewOnesUseTheNewKey() {
        SecretsVault.Sealed old = vault(KEY_A, "").seal("value".getBytes(StandardCharsets.UTF_8), "owner");
        SecretsVault rotated = vault(KEY_B, KEY_A);

        assertThat(rotated.open(old, "owner")).asString().isEqualTo("value");
        assertThat(rotated.seal(new byte[] {1}, "owner").keyId()).isEqualTo("b");
        assertThatThrownBy(() -> vault(KEY_B, "").open(old, "owner")).hasMessageContaining("unknown key a");
    }

    @Test
    void generatesAKeyFileOnceAndReusesIt() throws Exception {
        SecretsVault first = vault("", "");
        SecretsVault.Sealed sealed = first.seal("x".getBytes(StandardCharsets.UTF_8), "o");
        String file = Files.readString(dir.resolve("master.key"));

        SecretsVault second = vault("", "");

        assertThat(Files.readString(dir.resolve("master.key"))).isEqualTo(file);
        assertThat(second.open(sealed, "o")).asString().isEqualTo("x");
        assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refusesKeysOfTheWrongSize() {
        assertThatThrownBy(() -> vault("k:" + Base64.getEncoder().encodeToString(new byte[16]), ""))
                .hasMessageContaining("32 bytes");
    }

    private SecretsVault vault(String master, String previous) {
        return new SecretsVault(new SwitchboardProperties(null, dir, null, null, null, master, previous, null, null, null,
                null, null));
    }
}
