package no.sentral.routehost.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteFilesTest {

    private static final String CAMEL_ROUTES = "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n"
            + "  <route id=\"echo\"><from uri=\"direct:in\"/><to uri=\"log:echo\"/></route>\n</routes>\n";

    @TempDir
    Path deploy;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(deploy.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void recognisesCamelRoutesFiles() throws IOException {
        assertTrue(RouteFiles.isRoutesFile(write("echo.xml", CAMEL_ROUTES)));
        assertTrue(RouteFiles.isRoutesFile(write("echo.routes.xml", CAMEL_ROUTES)));
        assertTrue(RouteFiles.isRoutesFile(write("with-prolog.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- partner X -->\n" + CAMEL_ROUTES)));
        assertTrue(RouteFiles.isRoutesFile(write("prefixed.xml",
                "<c:routes xmlns:c=\"http://camel.apache.org/schema/spring\"><c:route/></c:routes>")));
    }

    @Test
    void ignoresOtherXml() throws IOException {
        assertFalse(RouteFiles.isRoutesFile(write("blueprint.xml",
                "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\">"
                        + "<camelContext xmlns=\"http://camel.apache.org/schema/blueprint\"/></blueprint>")));
        assertFalse(RouteFiles.isRoutesFile(write("features.xml",
                "<features xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\" name=\"x\"/>")));
        assertFalse(RouteFiles.isRoutesFile(write("no-namespace.xml", "<routes><route/></routes>")));
        assertFalse(RouteFiles.isRoutesFile(write("blueprint-ns.xml",
                "<routes xmlns=\"http://camel.apache.org/schema/blueprint\"/>")));
        assertFalse(RouteFiles.isRoutesFile(write("nested.xml",
                "<beans><routes xmlns=\"http://camel.apache.org/schema/spring\"/></beans>")));
        assertFalse(RouteFiles.isRoutesFile(write("empty-other.xml", "")));
    }

    @Test
    void ignoresNonXmlFilesAndDirectories() throws IOException {
        assertFalse(RouteFiles.isRoutesFile(write("echo.routes", CAMEL_ROUTES)));
        assertFalse(RouteFiles.isRoutesFile(write("echo.xml.bak", CAMEL_ROUTES)));
        assertFalse(RouteFiles.isRoutesFile(write("bundle.jar", "PK")));
        assertFalse(RouteFiles.isRoutesFile(Files.createDirectory(deploy.resolve("dir.routes.xml"))));
        assertFalse(RouteFiles.isRoutesFile(deploy.resolve("missing.routes.xml")));
    }

    @Test
    void anUnparsableRoutesFileIsStillOurs() throws IOException {
        // So that its error is reported by the route host instead of the file being silently ignored.
        assertTrue(RouteFiles.isRoutesFile(write("broken.routes.xml", "<routes xmlns=\"http://camel.apache.org")));
        assertTrue(RouteFiles.isRoutesFile(write("empty.routes.xml", "")));
        assertTrue(RouteFiles.isRoutesFile(write("text.routes.xml", "this is not xml")));
        // Without the .routes.xml hint a broken file is not claimed.
        assertFalse(RouteFiles.isRoutesFile(write("broken.xml", "<routes xmlns=\"http://camel.apache.org")));
    }

    @Test
    void doesNotFetchExternalDtdsOrEntities() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leak \"leaked\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path secret = write("secret.txt", "s3cret");
            Path externalDtd = write("dtd.xml", "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE routes SYSTEM \"" + base + "/routes.dtd\">\n" + CAMEL_ROUTES);
            Path externalEntity = write("xxe.routes.xml", "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE routes [\n"
                    + "  <!ENTITY remote SYSTEM \"" + base + "/entity\">\n"
                    + "  <!ENTITY local SYSTEM \"" + secret.toUri() + "\">\n"
                    + "  <!ENTITY % param SYSTEM \"" + base + "/param\"> %param;\n"
                    + "]>\n"
                    + "<routes xmlns=\"http://camel.apache.org/schema/spring\" a=\"&remote;&local;\">"
                    + "&remote;&local;</routes>");
            Path entityInOtherXml = write("other.xml", "<!DOCTYPE x [<!ENTITY remote SYSTEM \"" + base
                    + "/other\">]><x>&remote;</x>");

            assertTrue(RouteFiles.isRoutesFile(externalDtd), "root element read, DTD skipped");
            assertTrue(RouteFiles.isRoutesFile(externalEntity));
            assertFalse(RouteFiles.isRoutesFile(entityInOtherXml));
            assertEquals(0, requests.get(), "no DTD or entity was fetched");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBillionLaughsFileDoesNotHangOrCrash() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE routes [\n<!ENTITY l0 \"lol\">\n");
        for (int i = 1; i <= 12; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"")
                    .append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        Path bomb = write("bomb.routes.xml", dtd + "<routes xmlns=\"http://camel.apache.org/schema/spring\">"
                + "&l12;</routes>");
        long start = System.nanoTime();
        assertTrue(RouteFiles.isRoutesFile(bomb));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "answered quickly");
    }
}
