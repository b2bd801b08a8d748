package dev.gantry.service.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: {@value #PREFIX} and 256 random bits from {@link SecureRandom}, base64url (47
 * characters in all). The prefix lets secret scanners and people recognize a leaked token.
 *
 * <p>The service keeps only each token's SHA-256. A fast hash is enough because the token is not a
 * password: with 256 random bits, guessing a token from its hash is as hopeless as guessing the
 * token, so a slow KDF (bcrypt, scrypt, Argon2: made to protect low-entropy passwords) would add
 * only its cost, paid on every API request. GitHub stores its tokens' SHA-256 for the same reason.
 */
public final class ApiTokens {
    public static final String PREFIX = "gantry_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {}

    /** A new token. Show it once to its user; keep only {@link #sha256Hex}. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token's UTF-8 bytes, 64 lower-case hex digits. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
