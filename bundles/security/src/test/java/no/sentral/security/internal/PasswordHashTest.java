package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = PasswordHash.hash(PASSWORD);
        assertTrue(PasswordHash.verify(PASSWORD, stored));
        assertFalse(PasswordHash.verify("correct horse battery stapl", stored));
        assertFalse(PasswordHash.verify(PASSWORD + " ", stored));
        assertFalse(PasswordHash.verify("", stored));
    }

    @Test
    void storedFormatCarriesAlgorithmIterationsSaltAndHash() {
        String[] parts = PasswordHash.hash(PASSWORD).split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(Integer.toString(PasswordHash.ITERATIONS), parts[1]);
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length, "128-bit salt");
        assertEquals(32, java.util.Base64.getDecoder().decode(parts[3]).length, "256-bit hash");
    }

    @Test
    void samePasswordGetsADifferentSaltEachTime() {
        String a = PasswordHash.hash(PASSWORD);
        String b = PasswordHash.hash(PASSWORD);
        assertNotEquals(a, b);
        assertNotEquals(a.split("\\$")[2], b.split("\\$")[2]);
        assertTrue(PasswordHash.verify(PASSWORD, a));
        assertTrue(PasswordHash.verify(PASSWORD, b));
    }

    @Test
    void theIterationCountIsReadFromTheStoredValue() throws Exception {
        // A hash made with another cost (e.g. before the cost was raised) still verifies.
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(PASSWORD.toCharArray(), salt, 1000, 256))
                .getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String cheap = "pbkdf2-sha256$1000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        assertTrue(PasswordHash.verify(PASSWORD, cheap));
        assertFalse(PasswordHash.verify(PASSWORD, cheap.replace("$1000$", "$1001$")));
        assertFalse(PasswordHash.verify("wrong password", cheap));
    }

    @Test
    void newHashesUseOwaspsCostAndLowerCostsAskForARehash() throws Exception {
        // Issue 11 §2: PBKDF2-HMAC-SHA256 at 600,000 iterations; older, cheaper hashes are replaced at login.
        assertEquals(600_000, PasswordHash.ITERATIONS);
        String today = PasswordHash.hash(PASSWORD);
        assertFalse(PasswordHash.needsRehash(today));
        String old = cheapHash(PASSWORD, 120_000);
        assertTrue(PasswordHash.verify(PASSWORD, old));
        assertTrue(PasswordHash.needsRehash(old));
        assertTrue(PasswordHash.needsRehash("pbkdf2-sha256$many$c2FsdA==$aGFzaA=="));
        assertTrue(PasswordHash.needsRehash(null));
    }

    /** A real hash made the way the store made them at {@code iterations}, as an older release left them. */
    static String cheapHash(String password, int iterations) throws Exception {
        byte[] salt = "fedcba9876543210".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Test
    void unicodePasswords() {
        String stored = PasswordHash.hash("blåbærsyltetøy-æøå-€");
        assertTrue(PasswordHash.verify("blåbærsyltetøy-æøå-€", stored));
        assertFalse(PasswordHash.verify("blabaersyltetoy-aeoa-E", stored));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "plain-text-password", "pbkdf2-sha256", "pbkdf2-sha256$120000$c2FsdA==",
            "pbkdf2-sha1$120000$c2FsdA==$aGFzaA==", "pbkdf2-sha256$120000$c2FsdA==$aGFzaA==$extra",
            "$$$"})
    void malformedStoredValuesDoNotVerify(String stored) {
        assertFalse(PasswordHash.verify(PASSWORD, stored));
    }

    /**
     * BUG (PasswordHash.verify): a stored value with the right prefix and four parts but a
     * non-numeric or non-positive iteration count, or non-Base64 salt/hash, throws
     * NumberFormatException / IllegalArgumentException instead of returning false.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pbkdf2-sha256$many$c2FsdA==$aGFzaA==", "pbkdf2-sha256$0$c2FsdA==$aGFzaA==",
            "pbkdf2-sha256$-5$c2FsdA==$aGFzaA==", "pbkdf2-sha256$120000$not*base64$aGFzaA==",
            "pbkdf2-sha256$120000$c2FsdA==$%%%", "pbkdf2-sha256$120000$$aGFzaA=="})
    void malformedPartsDoNotVerifyEither(String stored) {
        assertFalse(PasswordHash.verify(PASSWORD, stored));
    }
}
