package no.sentral.security.internal;

import no.sentral.api.security.Secrets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes at OWASP's current cost (600,000 iterations, issue 11 §2), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}: a hash made at a lower cost still verifies, and
 * {@link #needsRehash} tells the login to store a new one while it has the password in hand.
 */
public final class PasswordHash {

    static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";

    private PasswordHash() {
    }

    public static String hash(String password) {
        byte[] salt = Base64.getUrlDecoder().decode(Secrets.random(16));
        return PREFIX + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** True when {@code stored} was made at a lower cost than today's (or is not ours): hash the password again. */
    public static boolean needsRehash(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        try {
            return parts.length != 4 || !PREFIX.equals(parts[0]) || Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    public static boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            int iterations = Integer.parseInt(parts[1]);
            return salt.length > 0 && iterations > 0
                    && MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            // A corrupt stored hash means "wrong password", never an error inside the login module.
            return false;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
