package org.forkline.ha.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** Derives the cluster's AES key from the shared secret, the same on every node. */
final class SecretKeys {

    /** Fixed salt: every node must derive the same key from the same secret, and there is nothing to store. */
    private static final byte[] SALT = "forkline-cluster-v1".getBytes(StandardCharsets.UTF_8);
    private static final int ITERATIONS = 120_000;
    private static final int KEY_BITS = 256;

    private SecretKeys() {
    }

    /** PBKDF2 with HMAC-SHA-256 over the secret, as an AES key. */
    static SecretKey aesKey(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), SALT, ITERATIONS, KEY_BITS);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
