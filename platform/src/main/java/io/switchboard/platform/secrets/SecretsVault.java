package io.switchboard.platform.secrets;

import io.switchboard.platform.config.SwitchboardProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM. Each ciphertext is stored with the id of the key that sealed it,
 * and bound to its owner (tenant and provider) as associated data, so a ciphertext copied to another row
 * does not decrypt. The active key comes from {@code SWITCHBOARD_MASTER_KEY} ({@code keyId:base64}) or a key
 * file generated in the data folder; older keys in {@code switchboard.previous-master-keys} still decrypt,
 * which is how the key is rotated.
 */
@Component
public class SecretsVault {

    private static final Logger log = LoggerFactory.getLogger(SecretsVault.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;

    public SecretsVault(SwitchboardProperties properties) {
        String active = properties.masterKey().isBlank() ? keyFromFile(properties.dataDir()) : properties.masterKey();
        this.activeKeyId = addKey(active);
        for (String previous : properties.previousMasterKeys().split(",")) {
            if (!previous.isBlank()) {
                addKey(previous.trim());
            }
        }
    }

    /** The id of the key new ciphertexts are sealed with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** Seals the plaintext for its owner with the active key. */
    public Sealed seal(byte[] plaintext, String owner) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext);
            return new Sealed(activeKeyId, ByteBuffer.allocate(iv.length + encrypted.length).put(iv).put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Opens a ciphertext sealed for the owner.
     *
     * @throws IllegalStateException when the key is unknown or the ciphertext was tampered with or moved
     */
    public byte[] open(Sealed sealed, String owner) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("secrets sealed with unknown key " + sealed.keyId());
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.ciphertext(), 0, IV_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext(), IV_BYTES, sealed.ciphertext().length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secrets could not be decrypted for " + owner, e);
        }
    }

    private String addKey(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 1) {
            throw new IllegalStateException("a master key is written keyId:base64");
        }
        String id = spec.substring(0, colon);
        byte[] bytes = Base64.getDecoder().decode(spec.substring(colon + 1).trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("master key " + id + " must be 32 bytes (AES-256)");
        }
        keys.put(id, new SecretKeySpec(bytes, "AES"));
        return id;
    }

    private String keyFromFile(Path dataDir) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            random.nextBytes(key);
            String spec = "k" + System.currentTimeMillis() / 1000 + ":" + Base64.getEncoder().encodeToString(key);
            Files.writeString(file, spec + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("Could not restrict permissions of {}", file);
            }
            log.warn("Generated a master key in {}: back it up, secrets cannot be read without it", file.toAbsolutePath());
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A ciphertext with the id of its key.
     *
     * @param keyId the key that sealed it
     * @param ciphertext IV followed by the GCM output
     */
    public record Sealed(String keyId, byte[] ciphertext) {}
}
