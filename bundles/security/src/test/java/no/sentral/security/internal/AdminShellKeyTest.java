package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminShellKeyTest {

    @TempDir
    Path etc;

    @Test
    void makesAKeyPairWhosePublicHalfKarafFindsInKeysProperties() throws Exception {
        Files.writeString(etc.resolve("keys.properties"), "# Karaf's example\n#karaf=AAAA,_g_:admingroup\n\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        assertTrue(new AdminShellKey(etc).ensure());

        Path key = etc.resolve("admin.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String pem = Files.readString(key);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        assertEquals(3072, privateKey.getModulus().bitLength());

        Properties keys = new Properties();
        keys.load(new StringReader(Files.readString(etc.resolve("keys.properties"))));
        String[] entry = keys.getProperty("admin").split(",");
        assertEquals("_g_:admingroup", entry[1]);
        assertEquals("group,admin,manager,viewer,systembundles,ssh", keys.getProperty("_g_:admingroup"));

        // Read back as Karaf's PublickeyLoginModule reads it: type, exponent, modulus.
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(entry[0])));
        assertEquals("ssh-rsa", new String(read(in)));
        BigInteger exponent = new BigInteger(read(in));
        BigInteger modulus = new BigInteger(read(in));
        assertEquals(privateKey.getModulus(), modulus);
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update("login".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update("login".getBytes());
        assertTrue(verifier.verify(signature), "the two halves belong together");
    }

    @Test
    void keepsAnExistingKeyAndMakesANewOneWhenItsFileIsGone() throws Exception {
        AdminShellKey key = new AdminShellKey(etc);
        assertTrue(key.ensure());
        String first = Files.readString(etc.resolve("keys.properties"));
        assertFalse(key.ensure());
        assertEquals(first, Files.readString(etc.resolve("keys.properties")));

        Files.delete(etc.resolve("admin.key"));
        assertTrue(key.ensure());
        String second = Files.readString(etc.resolve("keys.properties"));
        assertFalse(second.equals(first));
        assertEquals(1, second.lines().filter(l -> l.startsWith("admin ")).count(), second);
        assertEquals(1, second.lines().filter(l -> l.startsWith("_g_")).count(), second);
    }

    private static byte[] read(DataInputStream in) throws Exception {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
