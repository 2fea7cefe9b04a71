package no.sentral.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.inject.Inject;
import no.sentral.api.routes.RouteSource;
import no.sentral.api.routes.XmlRoutes;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Boots the assembled Sentral distribution once per suite (PerSuite strategy in each test) and
 * gives tests HTTP, shell and waiting helpers. Runs on the embedded PostgreSQL, or with
 * {@code sentral.it.db=external} (the external-postgresql profile) on an external server whose
 * database is emptied first.
 */
public abstract class SentralTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The longest a shell command or an HTTP exchange of a test may take before it fails the test. */
    static final Duration CALL_LIMIT = Duration.ofMinutes(2);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static volatile ContractCheck contract;

    @Configuration
    public Option[] config() throws Exception {
        String db = System.getProperty("sentral.it.db", "embedded");
        int broker = Integer.parseInt(freePort());
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("sentral.it.distribution")).toURI().toString())
                        .name("Sentral")
                        .unpackDirectory(new File(System.getProperty("project.build.directory", "target"), "exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                // Pax Exam adds its own boot feature, so the distribution's prebuilt bundle cache would be
                // uninstalled at the first start (sentral-prebuilt-boot); not loading it at all is quicker.
                editConfigurationFilePut("etc/system.properties", "karaf.clean.cache", "true"),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                // A loaded machine (CI with 2 cores, or several builds at once) installs the boot features
                // slowly; Pax Exam's own waits for its probe and services default to 10 s.
                systemTimeout(TIMEOUT.toMillis() * 2),
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT")
                        .value(Long.toString(TIMEOUT.toMillis() * 2)),
                // The embedded broker too: another Sentral on this machine may hold 61616.
                replaceConfigurationFile("etc/artemis.xml", artemisXml(broker)),
                editConfigurationFilePut("etc/no.sentral.broker.cfg", "url", "tcp://127.0.0.1:" + broker
                        + "?reconnectAttempts=-1&retryInterval=500&initialConnectAttempts=20"),
                systemProperty("sentral.it.db").value(db),
                systemProperty("sentral.it.blueprints").value(System.getProperty("sentral.it.blueprints", "")),
                systemProperty("sentral.it.contract").value(System.getProperty("sentral.it.contract", "")),
                systemProperty("sentral.contract.update").value(System.getProperty("sentral.contract.update", "false"))));
        // The schema validator that checks every answer (ContractCheck), with what it needs.
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("sentral.it.bundles")))) {
            jars.sorted().forEach(jar -> options.add(bundle(jar.toUri().toString())));
        }
        if ("external".equals(db)) {
            String url = System.getProperty("sentral.it.external.url");
            String user = System.getProperty("sentral.it.external.user");
            String password = System.getProperty("sentral.it.external.password");
            resetExternalDatabase(url, user, password);
            options.add(editConfigurationFilePut("etc/no.sentral.datasource.cfg", "mode", "external"));
            options.add(editConfigurationFilePut("etc/no.sentral.datasource.cfg", "url", url));
            options.add(editConfigurationFilePut("etc/no.sentral.datasource.cfg", "user", user));
            options.add(editConfigurationFilePut("etc/no.sentral.datasource.cfg", "password", password));
        }
        return options.toArray(new Option[0]);
    }

    /** Empties the external database so that every run starts from a fresh schema. */
    private static void resetExternalDatabase(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    /** The distribution's etc/artemis.xml with its acceptor on {@code port}. */
    private static File artemisXml(int port) throws IOException {
        Path unpacked = Files.createTempDirectory("sentral-it-etc");
        try {
            new ProcessBuilder("tar", "-xzf", System.getProperty("sentral.it.distribution"), "-C", unpacked.toString(),
                    "--wildcards", "*/etc/artemis.xml").inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Path xml;
        try (var found = Files.walk(unpacked)) {
            xml = found.filter(p -> p.endsWith("etc/artemis.xml")).findFirst()
                    .orElseThrow(() -> new IOException("no etc/artemis.xml in the distribution"));
        }
        Files.writeString(xml, Files.readString(xml).replaceAll("tcp://127\\.0\\.0\\.1:\\d+", "tcp://127.0.0.1:" + port));
        return xml.toFile();
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    private final List<ServiceRegistration<RouteSource>> deployed = new ArrayList<>();

    @After
    public void undeploy() {
        for (ServiceRegistration<RouteSource> registration : deployed) {
            try {
                registration.unregister();
            } catch (IllegalStateException undeployedByTheTest) {
                // nothing left to do
            }
        }
        deployed.clear();
    }

    /**
     * Deploys Camel XML routes through the route host, as a Blueprint file would; undeployed after the
     * test, or earlier by unregistering what this returns.
     */
    protected ServiceRegistration<RouteSource> deploy(String name, String routes) throws Exception {
        ServiceRegistration<RouteSource> registration = bundleContext.registerService(RouteSource.class,
                new XmlRoutes(name, "<routes xmlns=\"http://camel.apache.org/schema/spring\">" + routes + "</routes>"),
                new Hashtable<>());
        deployed.add(registration);
        waitFor("routes of " + name, () -> {
            try {
                return executeCommand("sentral:status").contains("service:" + name + "#");
            } catch (Exception e) {
                return false;
            }
        });
        return registration;
    }

    @Before
    public void waitUntilHealthy() throws Exception {
        // Not through send(): while the distribution starts, answers come from whatever is up (Jetty, say).
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/health"))
                .header("Authorization", adminAuth()).timeout(Duration.ofSeconds(30)).build();
        waitFor("Sentral healthy", () -> {
            try {
                return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    // ---- helpers ------------------------------------------------------------------------------

    protected static Path karafEtc() {
        return Path.of(System.getProperty("karaf.etc"));
    }

    protected static Path karafBase() {
        return Path.of(System.getProperty("karaf.base"));
    }

    protected static String adminPassword() throws IOException {
        return Files.readString(karafEtc().resolve("admin.password")).strip();
    }

    protected static String adminAuth() throws IOException {
        return basic("admin", adminPassword());
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** The port this run's configuration gave Pax Web (a free one, so a running Sentral does not clash). */
    protected int httpPort() {
        try {
            for (String line : Files.readAllLines(karafEtc().resolve("org.ops4j.pax.web.cfg"))) {
                if (line.startsWith("org.osgi.service.http.port")) {
                    return Integer.parseInt(line.substring(line.indexOf('=') + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return 8181;
    }

    protected HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization, null, null);
    }

    /** Sends a request; {@code headers} are extra name/value pairs, e.g. "If-Match", "\"1\"". */
    protected HttpResponse<String> send(String method, String path, String authorization, String contentType,
                                        String body, String... headers) throws Exception {
        return send(method, path, authorization, contentType, body == null ? null
                : body.getBytes(StandardCharsets.UTF_8), HttpResponse.BodyHandlers.ofString(), headers);
    }

    protected <T> HttpResponse<T> send(String method, String path, String authorization, String contentType,
                                       byte[] body, HttpResponse.BodyHandler<T> answer, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        // sendAsync, bounded: the request's own timeout ends at the answer's headers, not at its body.
        HttpResponse<T> response = Threads.bounded(method + " " + path, CALL_LIMIT,
                () -> HTTP.sendAsync(request.build(), answer).get());
        contract().check(method, response.uri(), response);
        return response;
    }

    /**
     * The committed API contract, which every answer the tests receive is checked against. Not the served
     * document: that one grows as bundles register their resources, so a test that asks early would check
     * against a part of it (ApiContractIT proves the distribution serves exactly the committed one).
     */
    protected ContractCheck contract() throws Exception {
        if (contract == null) {
            contract = new ContractCheck(new ObjectMapper().readTree(
                    Files.readString(Path.of(System.getProperty("sentral.it.contract")))));
        }
        return contract;
    }

    /** The first string value of {@code field} in a JSON text (enough for ids and states in tests). */
    protected static String field(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no \"" + field + "\" in " + json);
        }
        return m.group(1);
    }

    /**
     * A new company with a company admin ({@code boss@<tenant>}) and the agreement every test uses;
     * returns the admin's Basic authorization.
     */
    protected String newCompany(String tenant) throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/tenants", adminAuth(), "application/json",
                "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + " AS\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError(created.body());
        }
        String password = "itest-password-" + tenant;
        executeCommand("sentral:account-add --password " + password + " " + tenant + " boss@" + tenant
                + " company-admin");
        HttpResponse<String> agreement = send("PUT", "/api/v1/agreements/" + tenant, adminAuth(), "application/json",
                "{\"pricePlans\":[{\"code\":\"mobil-3\",\"name\":\"Mobil 3 GB\",\"kind\":\"MOBILE\",\"dataGb\":3,"
                        + "\"monthlyPriceOre\":29900},{\"code\":\"mobil-10\",\"name\":\"Mobil 10 GB\",\"kind\":\"MOBILE\","
                        + "\"dataGb\":10,\"monthlyPriceOre\":44900},{\"code\":\"fast\",\"name\":\"Fasttelefon\","
                        + "\"kind\":\"FIXED\",\"monthlyPriceOre\":19900}],\"addons\":[\"data-pack\",\"barring\","
                        + "\"content-limit\",\"twin-sim\",\"data-rollover\",\"data-control\"]}");
        if (agreement.statusCode() != 200) {
            throw new AssertionError(agreement.body());
        }
        return basic("boss@" + tenant, password);
    }

    /** A valid ICCID (Luhn check digit) made from a serial number. */
    protected static String iccid(long serial) {
        String body = String.format("894701%012d", serial);
        for (char d = '0'; d <= '9'; d++) {
            if (luhn(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException();
    }

    protected static boolean luhn(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, n = 0; i >= 0; i--, n++) {
            int d = digits.charAt(i) - '0';
            sum += n % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    /** Runs a Karaf shell command as the console would, returning what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Threads.bounded(command, CALL_LIMIT, () -> session.execute(command));
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    protected static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
