package no.sentral.security.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Properties;
import no.sentral.api.security.Secrets;

/**
 * The admin's key for the local shell, so that {@code ./sentral shell} needs no password: made on the
 * first start, its private half in {@code etc/admin.key} (mode 0600, PKCS#8 PEM, which Karaf's
 * {@code bin/client -k} and OpenSSH's {@code ssh -i} both read) and its public half in
 * {@code etc/keys.properties}, where Karaf's SSH public-key login looks. Who can read the key can read
 * {@code etc/admin.password} as well; the key only saves typing it. Delete {@code etc/admin.key} to get a
 * new one at the next start.
 */
final class AdminShellKey {

    static final String KEY_FILE = "admin.key";
    static final String KEYS_FILE = "keys.properties";
    /** RSA: Karaf 4.4's public-key login also takes ECDSA keys, but reads their coordinates as signed numbers. */
    private static final int RSA_BITS = 3072;

    private final Path etc;

    AdminShellKey(Path etc) {
        this.etc = etc;
    }

    /** Makes the key unless both halves are there; returns whether it made one. */
    boolean ensure() throws IOException {
        Path keys = etc.resolve(KEYS_FILE);
        String text = Files.exists(keys) ? Files.readString(keys) : "";
        Properties entries = new Properties();
        entries.load(new StringReader(text));
        if (Files.exists(etc.resolve(KEY_FILE)) && entries.containsKey(FirstBoot.ADMIN)) {
            return false;
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the admin's shell key: " + e.getMessage(), e);
        }
        Secrets.writeOwnerOnly(etc.resolve(KEY_FILE), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        StringBuilder added = new StringBuilder(FirstBoot.withoutEntry(text, FirstBoot.ADMIN));
        if (added.length() > 0 && added.charAt(added.length() - 1) != '\n') {
            added.append('\n');
        }
        added.append(FirstBoot.ADMIN).append(" = ").append(sshRsa((RSAPublicKey) pair.getPublic()))
                .append(",_g_:admingroup\n");
        if (!entries.containsKey("_g_:admingroup")) {
            added.append("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        }
        Secrets.writeOwnerOnly(keys, added.toString());
        return true;
    }

    /** The public key as SSH writes it ({@code ssh-rsa}, exponent, modulus), Base64: the keys.properties form. */
    static String sshRsa(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            for (BigInteger number : new BigInteger[] {key.getPublicExponent(), key.getModulus()}) {
                byte[] b = number.toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
