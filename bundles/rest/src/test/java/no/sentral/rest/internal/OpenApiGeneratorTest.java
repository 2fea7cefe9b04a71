package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import no.sentral.api.spi.rest.Accepted;
import no.sentral.api.spi.rest.AnyOf;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Responds;
import no.sentral.api.spi.rest.Size;
import no.sentral.api.spi.rest.Versioned;
import org.junit.jupiter.api.Test;

class OpenApiGeneratorTest {

    // ---- fake resources ------------------------------------------------------------------------------------

    enum Status { ACTIVE, BLOCKED }

    record Address(String street, String city) {
    }

    record Customer(UUID id, String name, int age, boolean vip, Status status, Address address, List<String> tags,
                    Map<String, Integer> counters, Instant created) {
    }

    record NewCustomer(@Required @Size(min = 1, max = 200) String name, @Range(min = 0, max = 150) int age,
                       @Format(Format.Kind.EMAIL) String email, @Format(Format.Kind.E164) String mobile,
                       @Pattern(value = "^[0-9]{4}$", message = "four digits") String postalCode,
                       @Size(max = 3) List<String> tags) {
    }

    /** A generic envelope, as pages are. */
    record Page<T>(List<T> items, int limit, String next) {
    }

    record PhoneNumber(String number, String type) {
    }

    /** Refers to itself, which must end in a $ref rather than recurse forever. */
    record Node(String name, List<Node> children) {
    }

    /** A plain bean rather than a record. */
    public static class Stats {
        public long getTotal() {
            return 0;
        }

        public boolean isHealthy() {
            return true;
        }
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @HttpMethod("PATCH")
    @interface MergePatch {
    }

    @Path("/customers/")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"company-admin", "switchboard-operator"})
    public static class CustomerResource {
        @GET
        public Page<Customer> list(@QueryParam("limit") @DefaultValue("20") @Range(min = 1, max = 500) int limit,
                                   @QueryParam("status") Status status, @Context UriInfo uriInfo) {
            return null;
        }

        @GET
        @Path("{id: [0-9a-f-]{36}}")
        public Customer get(@PathParam("id") UUID id) {
            return null;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public Created<Customer> create(@HeaderParam("X-Request-Id") String requestId, NewCustomer customer) {
            return null;
        }

        @PUT
        @Path("{id}")
        @Consumes(MediaType.APPLICATION_JSON)
        public Versioned<Customer> update(@PathParam("id") UUID id, NewCustomer customer,
                                          @HeaderParam("If-Match") @Required String ifMatch) {
            return null;
        }

        @POST
        @Path("{id}/call")
        public Accepted<Address> call(@PathParam("id") UUID id) {
            return null;
        }

        @GET
        @Path("{id}/card")
        @Produces({"image/png", "application/pdf"})
        public Response card(@PathParam("id") UUID id) {
            return null;
        }

        @POST
        @Path("import")
        @Consumes("text/csv")
        @Responds(status = 200, body = Stats.class)
        public Response importCsv(String csv) {
            return null;
        }

        @POST
        @Path("import")
        @Consumes("application/octet-stream")
        @Responds(status = 200, body = Stats.class)
        @Responds(status = 422, body = Stats.class)
        public Response importBytes(byte[] bytes) {
            return null;
        }

        @DELETE
        @Path("/{id}/")
        public void delete(@PathParam("id") UUID id) {
        }

        @GET
        @Path("ping")
        @PermitAll
        @Produces(MediaType.TEXT_PLAIN)
        public String ping() {
            return "pong";
        }

        @Path("{id}/numbers")
        public NumberResource numbers(@PathParam("id") UUID id) {
            return new NumberResource();
        }
    }

    /** Reached only through {@link CustomerResource#numbers}. */
    public static class NumberResource {
        @GET
        public List<PhoneNumber> list(@QueryParam("active") @DefaultValue("true") boolean active) {
            return List.of();
        }

        @GET
        @Path("{number}")
        public PhoneNumber get(@PathParam("number") String number) {
            return null;
        }
    }

    @Path("tree")
    public static class TreeResource {
        @GET
        public Node root() {
            return null;
        }

        @PUT
        @Path("{name}")
        public Node replace(@PathParam("name") String name, Node node) {
            return node;
        }

        @MergePatch
        @Path("{name}")
        public Node merge(@PathParam("name") String name, Map<String, Object> patch) {
            return null;
        }

        @GET
        @Path("stats")
        public Stats stats() {
            return new Stats();
        }

        @GET
        @Path("count")
        public int count() {
            return 0;
        }

        @GET
        @Path("count/{depth}")
        public int count(@PathParam("depth") int depth) {
            return 0;
        }
    }

    /** Documents the resource reads itself, their type chosen by the path. */
    @Path("documents")
    public static class DocumentResource {
        @GET
        @Path("{kind}")
        @AnyOf(name = "Document", value = {Address.class, PhoneNumber.class})
        public List<Object> list(@PathParam("kind") String kind) {
            return List.of();
        }

        @PUT
        @Path("{kind}/{id}")
        @Consumes(MediaType.APPLICATION_JSON)
        @AnyOf(name = "Document", value = {Address.class, PhoneNumber.class})
        public Versioned<Object> put(@PathParam("kind") String kind, @PathParam("id") String id, JsonNode body) {
            return null;
        }
    }

    /** JAX-RS annotations may live on an interface that the registered class implements. */
    @Path("health")
    public interface HealthApi {
        @GET
        JsonNode health();
    }

    public static class HealthResource implements HealthApi {
        @Override
        public JsonNode health() {
            return null;
        }
    }

    // ---- tests ---------------------------------------------------------------------------------------------

    private static final List<Class<?>> RESOURCES =
            List.of(TreeResource.class, CustomerResource.class, HealthResource.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode generate(List<Class<?>> resources) {
        return new OpenApiGenerator().generate(resources, "Sentral", "1.2.3", "/api/v1");
    }

    private final ObjectNode doc = generate(RESOURCES);

    private JsonNode operation(String path, String method) {
        JsonNode operation = doc.path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), () -> method + " " + path + " is missing");
        return operation;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Compares as text, so that field order and number forms count too; single quotes spare the escapes. */
    private static void assertJson(String expected, JsonNode actual) {
        assertEquals(json(expected).toString(), actual.toString());
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headerDescribesTheDocument() {
        assertEquals("3.0.3", doc.get("openapi").asText());
        assertJson("{'title':'Sentral','version':'1.2.3'}", doc.get("info"));
        assertJson("[{'url':'/api/v1'}]", doc.get("servers"));
        assertJson("{'basicAuth':{'type':'http','scheme':'basic'},'bearerAuth':{'type':'http','scheme':'bearer'},"
                + "'sessionCookie':{'type':'apiKey','in':'cookie','name':'sentral_session',"
                + "'description':'Set by POST /session'},'csrfToken':{'type':'apiKey','in':'header','name':'X-CSRF-Token',"
                + "'description':'The csrfToken of the session: with the session cookie, every request but GET, HEAD and"
                + " OPTIONS needs it'}}", doc.at("/components/securitySchemes"));
    }

    @Test
    void pathsAreNormalisedAndSorted() {
        assertEquals(List.of("/customers", "/customers/import", "/customers/ping", "/customers/{id}",
                        "/customers/{id}/call", "/customers/{id}/card", "/customers/{id}/numbers",
                        "/customers/{id}/numbers/{number}", "/health", "/tree", "/tree/count", "/tree/count/{depth}",
                        "/tree/stats", "/tree/{name}"),
                names(doc.get("paths")));
        assertEquals(List.of("get", "put", "delete"), names(doc.path("paths").path("/customers/{id}")));
        assertEquals(List.of("put", "patch"), names(doc.path("paths").path("/tree/{name}")));
    }

    @Test
    void normaliseTidiesSlashesAndTemplateRegexes() {
        assertEquals("/", OpenApiGenerator.normalise(""));
        assertEquals("/", OpenApiGenerator.normalise("//"));
        assertEquals("/a/b", OpenApiGenerator.normalise("a//b/"));
        assertEquals("/a/{id}/{n}", OpenApiGenerator.normalise("/a/{ id : [0-9]{1,9} }/{n:\\d+}"));
    }

    @Test
    void operationIdsAreUniqueAndTagsNameTheResource() {
        assertEquals("Customer_list", operation("/customers", "get").get("operationId").asText());
        assertEquals("Tree_count", operation("/tree/count", "get").get("operationId").asText());
        assertEquals("Tree_count_2", operation("/tree/count/{depth}", "get").get("operationId").asText());
        assertJson("['Customer']", operation("/customers", "get").get("tags"));
        assertJson("['Customer']", operation("/customers/{id}/numbers", "get").get("tags"));
        // Mapped by its interface's annotations, named after the registered class.
        assertEquals("Health_health", operation("/health", "get").get("operationId").asText());
        assertJson("['Health']", operation("/health", "get").get("tags"));

        Set<String> ids = new HashSet<>();
        doc.get("paths").forEach(item -> item.forEach(op -> assertTrue(ids.add(op.get("operationId").asText()))));
        assertEquals(18, ids.size());
    }

    @Test
    void queryParametersCarryTypedDefaultsConstraintsAndContextIsIgnored() {
        JsonNode list = operation("/customers", "get");
        assertJson("{'name':'limit','in':'query','required':false,'schema':{'type':'integer','format':'int32',"
                + "'minimum':1,'maximum':500,'default':20}}", parameter(list, "limit"));
        assertJson("{'type':'string','enum':['ACTIVE','BLOCKED']}", parameter(list, "status").get("schema"));
        assertEquals(2, list.get("parameters").size());
        assertNull(list.get("requestBody"));
    }

    @Test
    void pathParametersAreRequired() {
        assertJson("{'name':'id','in':'path','required':true,'schema':{'type':'string','format':'uuid'}}",
                parameter(operation("/customers/{id}", "get"), "id"));
    }

    @Test
    void unannotatedParameterIsTheRequestBodyWithItsConstraints() {
        JsonNode create = operation("/customers", "post");
        assertJson("{'required':true,'content':{'application/json':"
                + "{'schema':{'$ref':'#/components/schemas/NewCustomer'}}}}", create.get("requestBody"));
        assertEquals("header", parameter(create, "X-Request-Id").get("in").asText());
        assertJson("{'type':'object','additionalProperties':{}}",
                operation("/tree/{name}", "patch").at("/requestBody/content/application~1json/schema"));
        assertJson("{'type':'object','properties':{'name':{'type':'string','minLength':1,'maxLength':200},"
                + "'age':{'type':'integer','format':'int32','minimum':0,'maximum':150},"
                + "'email':{'type':'string','format':'email','maxLength':254},"
                + "'mobile':{'type':'string','pattern':'^\\\\+[1-9][0-9]{1,14}$'},"
                + "'postalCode':{'type':'string','pattern':'^[0-9]{4}$'},"
                + "'tags':{'type':'array','items':{'type':'string'},'maxItems':3}},"
                + "'required':['name'],'additionalProperties':false}",
                doc.at("/components/schemas/NewCustomer"));
    }

    @Test
    void documentsReadAsJsonAreTheNamedChoiceOfTheirTypes() {
        ObjectNode doc = generate(List.of(DocumentResource.class));
        assertJson("{'anyOf':[{'$ref':'#/components/schemas/Address'},{'$ref':'#/components/schemas/PhoneNumber'}]}",
                doc.at("/components/schemas/Document"));
        String document = "{'$ref':'#/components/schemas/Document'}";
        assertJson("{'type':'array','items':" + document + "}",
                doc.at("/paths/~1documents~1{kind}/get/responses/200/content/application~1json/schema"));
        JsonNode put = doc.at("/paths/~1documents~1{kind}~1{id}/put");
        assertJson(document, put.at("/requestBody/content/application~1json/schema"));
        assertJson(document, put.at("/responses/200/content/application~1json/schema"));
    }

    @Test
    void methodsToldApartByContentTypeAreOneOperation() {
        JsonNode importing = operation("/customers/import", "post");
        assertJson("{'application/octet-stream':{'schema':{'type':'string','format':'binary'}},"
                + "'text/csv':{'schema':{'type':'string'}}}", importing.at("/requestBody/content"));
        assertEquals("Customer_importBytes", importing.get("operationId").asText());
    }

    @Test
    void returnTypesSayTheSuccessAnswer() {
        JsonNode list = operation("/customers", "get");
        assertJson("{'$ref':'#/components/schemas/PageOfCustomer'}",
                list.at("/responses/200/content/application~1json/schema"));
        assertJson("{'type':'object','properties':{'items':{'type':'array','items':{'$ref':"
                + "'#/components/schemas/Customer'}},'limit':{'type':'integer','format':'int32'},"
                + "'next':{'type':'string'}},'additionalProperties':false}",
                doc.at("/components/schemas/PageOfCustomer"));

        JsonNode created = operation("/customers", "post").at("/responses/201");
        assertJson("{'$ref':'#/components/schemas/Customer'}", created.at("/content/application~1json/schema"));
        assertJson("{'type':'string','format':'uri'}", created.at("/headers/Location/schema"));
        assertTrue(created.at("/headers/Location/required").asBoolean());
        assertFalse(created.at("/headers/ETag/required").asBoolean());
        assertTrue(operation("/customers", "post").at("/responses/200").isMissingNode());

        JsonNode updated = operation("/customers/{id}", "put").at("/responses/200");
        assertTrue(updated.at("/headers/ETag/required").asBoolean());
        assertJson("{'$ref':'#/components/schemas/Customer'}", updated.at("/content/application~1json/schema"));

        assertJson("{'$ref':'#/components/schemas/Address'}",
                operation("/customers/{id}/call", "post").at("/responses/202/content/application~1json/schema"));
        assertJson("{'description':'Done; no content'}", operation("/customers/{id}", "delete").at("/responses/204"));
        assertJson("{'image/png':{'schema':{'type':'string','format':'binary'}},"
                + "'application/pdf':{'schema':{'type':'string','format':'binary'}}}",
                operation("/customers/{id}/card", "get").at("/responses/200/content"));
        JsonNode importing = operation("/customers/import", "post").get("responses");
        assertJson("{'$ref':'#/components/schemas/Stats'}", importing.at("/200/content/application~1json/schema"));
        assertJson("{'$ref':'#/components/schemas/Stats'}", importing.at("/422/content/application~1json/schema"));
        assertJson("{'text/plain':{'schema':{'type':'string'}}}",
                operation("/customers/ping", "get").at("/responses/200/content"));
        assertJson("{}", operation("/health", "get").at("/responses/200/content/application~1json/schema"));
    }

    /** The session resource's answers (issue 11 §2): headers such as Set-Cookie, and no body. */
    @Path("login")
    public static class Login {
        @DELETE
        @Produces(MediaType.APPLICATION_JSON)
        @Responds(status = 204, body = Void.class, headers = "Set-Cookie")
        public Response out() {
            return null;
        }
    }

    @Test
    void respondsNamesTheHeadersOfItsAnswerAndVoidHasNoBody() {
        JsonNode out = generate(List.of(Login.class)).at("/paths/~1login/delete/responses/204");
        assertJson("{'description':'Done; no content','headers':{'Set-Cookie':{'description':'The session cookie"
                + " sentral_session: HttpOnly, SameSite=Strict, Secure over HTTPS','required':true,"
                + "'schema':{'type':'string'}}}}", out);
    }

    @Test
    void aResponseWithJsonMustSayWhatItAnswers() {
        @Path("bad")
        class Unsaid {
            @GET
            @Produces(MediaType.APPLICATION_JSON)
            public Response get() {
                return null;
            }
        }
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> generate(List.of(Unsaid.class)));
        assertTrue(e.getMessage().contains("@Responds"));
    }

    @Test
    void operationsDeclareTheProblemsTheyCanAnswer() {
        assertEquals(List.of("201", "400", "401", "403", "404", "406", "409", "413", "415", "422", "429", "503",
                "default"), names(operation("/customers", "post").get("responses")));
        assertEquals(List.of("200", "400", "401", "403", "404", "406", "409", "412", "413", "415", "422", "428",
                "429", "503", "default"), names(operation("/customers/{id}", "put").get("responses")));
        assertEquals(List.of("200", "400", "401", "403", "404", "406", "422", "429", "503", "default"),
                names(operation("/customers", "get").get("responses")));
        assertEquals(List.of("200", "401", "406", "429", "503", "default"),
                names(operation("/customers/ping", "get").get("responses")));
        assertEquals("integer", doc.at("/components/responses/TooManyRequests/headers/Retry-After/schema/type").asText());
        assertJson("{'$ref':'#/components/responses/PreconditionRequired'}",
                operation("/customers/{id}", "put").at("/responses/428"));
        assertTrue(parameter(operation("/customers/{id}", "put"), "If-Match").get("required").asBoolean());

        JsonNode unauthorized = doc.at("/components/responses/Unauthorized");
        assertJson("{'$ref':'#/components/schemas/Problem'}",
                unauthorized.at("/content/application~1problem+json/schema"));
        assertEquals("string", unauthorized.at("/headers/WWW-Authenticate/schema/type").asText());
        JsonNode problem = doc.at("/components/schemas/Problem/properties");
        assertEquals(List.of("type", "title", "status", "detail", "instance", "errors"), names(problem));
        assertJson("{'type':'array','items':{'$ref':'#/components/schemas/FieldError'}}", problem.get("errors"));
        assertJson("{'type':'object','properties':{'field':{'type':'string'},'message':{'type':'string'}},"
                + "'additionalProperties':false}", doc.at("/components/schemas/FieldError"));
    }

    @Test
    void subResourceLocatorsAreFollowedWithTheirParameters() {
        JsonNode get = operation("/customers/{id}/numbers/{number}", "get");
        assertEquals("Number_get", get.get("operationId").asText());
        assertEquals(List.of("number", "id"), get.findValuesAsText("name"));
        assertEquals("uuid", parameter(get, "id").at("/schema/format").asText());
        assertJson("{'type':'boolean','default':true}",
                parameter(operation("/customers/{id}/numbers", "get"), "active").get("schema"));
    }

    @Test
    void rolesAndPermitAllBecomeSecurity() {
        JsonNode list = operation("/customers", "get");
        assertJson("['company-admin','switchboard-operator']", list.get("x-sentral-roles"));
        assertJson("[{'basicAuth':[]},{'bearerAuth':[]},{'sessionCookie':[]}]", list.get("security"));
        assertJson("[{'basicAuth':[]},{'bearerAuth':[]},{'sessionCookie':[],'csrfToken':[]}]",
                operation("/customers", "post").get("security"));

        JsonNode ping = operation("/customers/ping", "get");
        assertJson("[]", ping.get("security"));
        assertNull(ping.get("x-sentral-roles"));

        // No rule at all still needs a login (deny by default), just no particular role.
        JsonNode tree = operation("/tree", "get");
        assertJson("[{'basicAuth':[]},{'bearerAuth':[]},{'sessionCookie':[]}]", tree.get("security"));
        assertNull(tree.get("x-sentral-roles"));
    }

    @Test
    void recordsAndBeansBecomeSortedComponentSchemas() {
        JsonNode schemas = doc.at("/components/schemas");
        assertEquals(List.of("Address", "Customer", "FieldError", "NewCustomer", "Node", "PageOfCustomer", "PhoneNumber",
                "Problem", "Stats"), names(schemas));

        JsonNode customer = schemas.get("Customer");
        assertEquals("object", customer.get("type").asText());
        assertNull(customer.get("required"));
        assertJson("{'id':{'type':'string','format':'uuid'},'name':{'type':'string'},"
                + "'age':{'type':'integer','format':'int32'},'vip':{'type':'boolean'},"
                + "'status':{'type':'string','enum':['ACTIVE','BLOCKED']},"
                + "'address':{'$ref':'#/components/schemas/Address'},"
                + "'tags':{'type':'array','items':{'type':'string'}},"
                + "'counters':{'type':'object','additionalProperties':{'type':'integer','format':'int32'}},"
                + "'created':{'type':'string','format':'date-time'}}", customer.get("properties"));
        assertNull(schemas.get("Address").get("required"));

        assertJson("{'type':'object','properties':{'name':{'type':'string'},"
                + "'children':{'type':'array','items':{'$ref':'#/components/schemas/Node'}}},"
                + "'additionalProperties':false}", schemas.get("Node"));
        assertJson("{'type':'object','properties':{'healthy':{'type':'boolean'},"
                + "'total':{'type':'integer','format':'int64'}},'additionalProperties':false}", schemas.get("Stats"));
    }

    @Test
    void outputIsStableAcrossCallsAndInputOrder() throws JsonProcessingException {
        String first = MAPPER.writeValueAsString(doc);
        assertEquals(first, MAPPER.writeValueAsString(generate(RESOURCES)));
        assertEquals(first, MAPPER.writeValueAsString(generate(List.of(HealthResource.class, CustomerResource.class,
                TreeResource.class))));
    }
}
