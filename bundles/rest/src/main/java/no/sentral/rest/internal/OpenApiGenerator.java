package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import no.sentral.api.spi.rest.Accepted;
import no.sentral.api.spi.rest.AnyOf;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Responds;
import no.sentral.api.spi.rest.Versioned;

/**
 * Builds an OpenAPI 3.0.3 document from the JAX-RS annotations of resource classes.
 *
 * <p>Sentral does this itself because CXF's OpenAPI feature is not served at our CXF version and swagger-core
 * is hard to run in OSGi. Resources come and go with hot-deployed bundles, so callers regenerate on demand;
 * everything is emitted in a fixed order so that the document is stable for diffs and tests.
 */
final class OpenApiGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The order of operations within a path; HTTP methods that OpenAPI 3.0 cannot express are left out. */
    private static final List<String> METHOD_ORDER = List.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Sub-resource locators are followed this deep, which also ends a locator that returns its own class. */
    private static final int MAX_LOCATOR_DEPTH = 3;
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final String RESOURCE_SUFFIX = "Resource";
    /** Headers that OpenAPI describes elsewhere (media types, security), never as parameters. */
    private static final Set<String> CONTENT_HEADERS = Set.of("content-type", "accept", "authorization");

    ObjectNode generate(Collection<Class<?>> resourceClasses, String title, String version, String serverUrl) {
        Build build = new Build();
        // Sorted, so that which of two clashing operations wins, and operationId suffixes, do not vary.
        resourceClasses.stream().sorted(Comparator.comparing(Class::getName)).forEach(cls ->
                build.resource(cls, normalise(pathOf(classAnnotation(cls, Path.class))), tagOf(cls), List.of(), 0));

        ObjectNode doc = NODES.objectNode().put("openapi", "3.0.3");
        doc.putObject("info").put("title", title).put("version", version);
        doc.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = doc.putObject("paths");
        build.paths.forEach((path, operations) -> {
            ObjectNode item = paths.putObject(path);
            METHOD_ORDER.stream().filter(operations::containsKey).forEach(m -> item.set(m, operations.get(m)));
        });
        ObjectNode components = doc.putObject("components");
        components.putObject("schemas").setAll(build.schemas.named());
        ObjectNode responses = components.putObject("responses");
        PROBLEMS.forEach((status, problem) -> {
            ObjectNode response = responses.putObject(problem.name()).put("description", problem.description());
            if (status == 401) {
                response.putObject("headers").putObject("WWW-Authenticate").put("description",
                        "The ways to log in: Basic and Bearer").putObject("schema").put("type", "string");
            }
            if (status == 429) {
                response.putObject("headers").putObject(HttpHeaders.RETRY_AFTER).put("description",
                        "Seconds to wait before logging in again").put("required", true)
                        .putObject("schema").put("type", "integer");
            }
            response.putObject("content").putObject(Problem.MEDIA_TYPE).putObject("schema")
                    .put("$ref", OpenApiSchemas.REF_PREFIX + "Problem");
        });
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("basicAuth").put("type", "http").put("scheme", "basic");
        schemes.putObject("bearerAuth").put("type", "http").put("scheme", "bearer");
        schemes.putObject("sessionCookie").put("type", "apiKey").put("in", "cookie")
                .put("name", AuthFilter.SESSION_COOKIE).put("description", "Set by POST /session");
        schemes.putObject("csrfToken").put("type", "apiKey").put("in", "header").put("name", AuthFilter.CSRF_HEADER)
                .put("description", "The csrfToken of the session: with the session cookie, every request but GET,"
                        + " HEAD and OPTIONS needs it");
        return doc;
    }

    /** What the headers named by {@link Responds#headers()} are. */
    private static final Map<String, String> HEADERS = Map.of(
            HttpHeaders.LOCATION, "Where the new resource is",
            HttpHeaders.SET_COOKIE, "The session cookie " + AuthFilter.SESSION_COOKIE
                    + ": HttpOnly, SameSite=Strict, Secure over HTTPS");

    /** A kind of error answer, a problem detail; its name is that of its entry under components/responses. */
    private record ProblemResponse(String name, String description) {
    }

    private static final Map<Integer, ProblemResponse> PROBLEMS = problems();

    private static Map<Integer, ProblemResponse> problems() {
        Map<Integer, ProblemResponse> problems = new TreeMap<>();
        problems.put(400, new ProblemResponse("BadRequest", "The request cannot be read: a body that is not JSON"
                + " or not of the schema's shape, or a parameter of the wrong type"));
        problems.put(401, new ProblemResponse("Unauthorized", "No credentials, or wrong ones"));
        problems.put(403, new ProblemResponse("Forbidden", "The caller's roles or place in the company do not allow this"));
        problems.put(404, new ProblemResponse("NotFound", "No such resource, or not one the caller may see"));
        problems.put(406, new ProblemResponse("NotAcceptable", "The Accept header allows none of the media types"
                + " of the answer"));
        problems.put(409, new ProblemResponse("Conflict", "The request contradicts the current state, e.g. a"
                + " duplicate or something still in use"));
        problems.put(412, new ProblemResponse("PreconditionFailed", "If-Match names a version other than the"
                + " current one: read it again"));
        problems.put(413, new ProblemResponse("PayloadTooLarge", "The body is larger than the server takes"));
        problems.put(415, new ProblemResponse("UnsupportedMediaType", "The body's Content-Type is not one this"
                + " operation takes"));
        problems.put(422, new ProblemResponse("UnprocessableEntity", "The input breaks a rule; errors names each"
                + " field"));
        problems.put(428, new ProblemResponse("PreconditionRequired", "A change of a versioned resource needs"
                + " If-Match with the ETag read"));
        problems.put(429, new ProblemResponse("TooManyRequests", "Too many failed logins for this account or from"
                + " this address: wait Retry-After seconds"));
        problems.put(503, new ProblemResponse("ServiceUnavailable", "A part this needs cannot serve now; try"
                + " again later"));
        return Map.copyOf(problems);
    }

    /** The state of one generation, so that one generator may serve concurrent requests. */
    private static final class Build {
        final Map<String, Map<String, ObjectNode>> paths = new TreeMap<>();
        final OpenApiSchemas schemas = new OpenApiSchemas();
        private final Set<String> operationIds = new HashSet<>();

        void resource(Class<?> cls, String prefix, String tag, List<ObjectNode> inherited, int depth) {
            for (Method method : publicMethods(cls)) {
                Method annotated = annotatedMethod(method);
                String path = normalise(prefix + "/" + pathOf(annotated.getAnnotation(Path.class)));
                String httpMethod = httpMethodOf(annotated);
                boolean locator = httpMethod == null && annotated.isAnnotationPresent(Path.class);
                if (httpMethod != null && METHOD_ORDER.contains(httpMethod)) {
                    Map<String, ObjectNode> operations = paths.computeIfAbsent(path, p -> new HashMap<>());
                    ObjectNode existing = operations.get(httpMethod);
                    if (existing == null) {
                        operations.put(httpMethod, operation(cls, method, annotated, path, tag, inherited));
                    } else {
                        // Methods told apart by Content-Type alone are one operation taking each of their types.
                        requestBody(cls, annotated).ifPresent(body -> existing.with("requestBody")
                                .with("content").setAll((ObjectNode) body.get("content")));
                    }
                } else if (locator && depth < MAX_LOCATOR_DEPTH) {
                    // The locator's own parameters apply to every operation of the sub-resource.
                    List<ObjectNode> parameters = new ArrayList<>(inherited);
                    parameters.addAll(parameters(annotated));
                    resource(method.getReturnType(), path, tag, parameters, depth + 1);
                }
            }
        }

        private ObjectNode operation(Class<?> cls, Method method, Method annotated, String path, String tag,
                                     List<ObjectNode> inherited) {
            ObjectNode operation = NODES.objectNode();
            operation.putArray("tags").add(tag);
            // Resource_method: unique, and a generator's removeOperationIdPrefix makes it the method's own name.
            operation.put("operationId", uniqueOperationId(tagOf(cls) + "_" + method.getName()));

            ArrayNode parameters = NODES.arrayNode();
            parameters(annotated).forEach(p -> addParameter(parameters, p));
            inherited.forEach(p -> addParameter(parameters, p));
            // A template variable bound where we do not look (a field, say) must still be declared to be valid.
            Matcher template = TEMPLATE.matcher(path);
            while (template.find()) {
                addParameter(parameters, parameter("path", template.group(1), schemas.of(String.class)));
            }
            if (!parameters.isEmpty()) {
                operation.set("parameters", parameters);
            }
            Optional<ObjectNode> body = requestBody(cls, annotated);
            body.ifPresent(b -> operation.set("requestBody", b));

            ObjectNode responses = operation.putObject("responses");
            success(cls, method, annotated, responses);
            Annotation rule = Optional.ofNullable(securityRule(annotated)).orElseGet(() -> securityRule(cls));
            boolean open = rule instanceof PermitAll;
            problems(annotated, parameters, body.isPresent(), open, path).forEach(status -> {
                if (!responses.has(String.valueOf(status))) {
                    responses.putObject(String.valueOf(status))
                            .put("$ref", "#/components/responses/" + PROBLEMS.get(status).name());
                }
            });
            // By status, then what a client never plans for.
            Map<String, JsonNode> byStatus = new TreeMap<>();
            responses.fields().forEachRemaining(r -> byStatus.put(r.getKey(), r.getValue()));
            responses.removeAll().setAll(byStatus);
            responses.putObject("default").put("description", "An unexpected failure")
                    .putObject("content").putObject(Problem.MEDIA_TYPE).putObject("schema")
                    .put("$ref", OpenApiSchemas.REF_PREFIX + "Problem");

            if (open) {
                operation.putArray("security"); // empty: no authentication needed
            } else {
                // Sentral denies by default: without @PermitAll any operation needs a login.
                if (rule instanceof RolesAllowed roles) {
                    Arrays.stream(roles.value()).forEach(operation.putArray("x-sentral-roles")::add);
                }
                ArrayNode security = operation.putArray("security");
                security.addObject().putArray("basicAuth");
                security.addObject().putArray("bearerAuth");
                ObjectNode session = security.addObject();
                session.putArray("sessionCookie");
                if (!httpMethodOf(annotated).equals("get")) {
                    session.putArray("csrfToken");
                }
            }
            return operation;
        }

        /** The success answers, read off the return type (see no.sentral.api.spi.rest). */
        private void success(Class<?> cls, Method method, Method annotated, ObjectNode responses) {
            Type returned = method.getGenericReturnType();
            Class<?> raw = method.getReturnType();
            List<String> produces = produces(annotated, cls);
            AnyOf anyOf = annotated.getAnnotation(AnyOf.class);
            if (raw == void.class || raw == Void.class) {
                responses.putObject("204").put("description", "Done; no content");
            } else if (raw == Created.class) {
                ObjectNode created = answer(responses, 201, "Created", produces, typeArgument(returned), anyOf);
                header(created, HttpHeaders.LOCATION, "Where the new resource is", "uri", true);
                header(created, HttpHeaders.ETAG, "The new resource's version, for If-Match", null, false);
            } else if (raw == Versioned.class) {
                ObjectNode ok = answer(responses, 200, "OK", produces, typeArgument(returned), anyOf);
                header(ok, HttpHeaders.ETAG, "The version, for If-Match", null, true);
            } else if (raw == Accepted.class) {
                answer(responses, 202, "Accepted: carried out after this answer", produces, typeArgument(returned), anyOf);
            } else if (Response.class.isAssignableFrom(raw)) {
                Responds[] answers = annotated.getAnnotationsByType(Responds.class);
                if (answers.length == 0 && produces.stream().anyMatch(OpenApiGenerator::isJson)) {
                    throw new IllegalStateException(method + " returns a Response with JSON: say what it answers"
                            + " with @Responds, or return a typed value");
                }
                if (answers.length == 0) {
                    answer(responses, 200, "OK", produces, byte[].class, anyOf);
                }
                Arrays.stream(answers).sorted(Comparator.comparingInt(Responds::status)).forEach(a -> {
                    ObjectNode response = a.body() == Void.class
                            ? responses.putObject(String.valueOf(a.status())).put("description", "Done; no content")
                            : answer(responses, a.status(), a.status() < 300 ? "OK" : PROBLEMS.containsKey(a.status())
                                    ? PROBLEMS.get(a.status()).description() : "Answer", produces, a.body(), anyOf);
                    for (String name : a.headers()) {
                        header(response, name, HEADERS.getOrDefault(name, "Set by this answer"),
                                HttpHeaders.LOCATION.equals(name) ? "uri" : null, true);
                    }
                });
            } else {
                answer(responses, 200, "OK", produces, returned, anyOf);
            }
        }

        private ObjectNode answer(ObjectNode responses, int status, String description, List<String> mediaTypes,
                                  Type body, AnyOf anyOf) {
            ObjectNode response = responses.putObject(String.valueOf(status)).put("description", description);
            ObjectNode content = response.putObject("content");
            mediaTypes.forEach(type -> content.putObject(type).set("schema", bodySchema(type, body, anyOf)));
            return response;
        }

        /** A JSON body's schema, or for other media types the bytes (a file) or text as they are. */
        private ObjectNode bodySchema(String mediaType, Type type, AnyOf anyOf) {
            if (isJson(mediaType)) {
                return anyOf == null ? schemas.of(type) : schemas.of(type, anyOf.name(), List.of(anyOf.value()));
            }
            return type == String.class ? schemas.of(String.class)
                    : NODES.objectNode().put("type", "string").put("format", "binary");
        }

        private Optional<ObjectNode> requestBody(Class<?> cls, Method annotated) {
            return Arrays.stream(annotated.getParameters()).filter(p -> !isJaxRs(p.getAnnotations())).findFirst()
                    .map(body -> {
                        ObjectNode requestBody = NODES.objectNode().put("required", true);
                        ObjectNode content = requestBody.putObject("content");
                        consumes(annotated, cls).forEach(type ->
                                content.putObject(type).set("schema", bodySchema(type, body.getParameterizedType(),
                                        annotated.getAnnotation(AnyOf.class))));
                        return requestBody;
                    });
        }

        /** The errors an operation can answer, from what it takes and who may call it. */
        private Set<Integer> problems(Method method, ArrayNode parameters, boolean body, boolean open, String path) {
            Set<Integer> statuses = new TreeSet<>();
            // Wrong credentials are refused (and repeated ones throttled) even where none are needed; any operation
            // is away while the API is built.
            statuses.addAll(List.of(401, 406, 429, 503));
            boolean query = false;
            boolean ifMatch = false;
            for (JsonNode p : parameters) {
                query |= !p.get("in").asText().equals("path");
                ifMatch |= p.get("in").asText().equals("header")
                        && p.get("name").asText().equalsIgnoreCase(HttpHeaders.IF_MATCH);
            }
            boolean change = !httpMethodOf(method).equals("get");
            if (body) {
                statuses.addAll(List.of(400, 413, 415, 422));
            }
            if (query) {
                statuses.addAll(List.of(400, 422));
            }
            if (ifMatch) {
                statuses.addAll(List.of(412, 428));
            }
            if (!open) {
                statuses.addAll(List.of(403, 404));
                if (change) {
                    statuses.addAll(List.of(409, 422));
                }
            } else if (path.contains("{")) {
                statuses.add(404);
            }
            return statuses;
        }

        private String uniqueOperationId(String base) {
            String id = base;
            for (int n = 2; !operationIds.add(id); n++) {
                id = base + "_" + n;
            }
            return id;
        }

        private List<ObjectNode> parameters(Method method) {
            List<ObjectNode> result = new ArrayList<>();
            for (Parameter p : method.getParameters()) {
                PathParam path = p.getAnnotation(PathParam.class);
                QueryParam query = p.getAnnotation(QueryParam.class);
                HeaderParam header = p.getAnnotation(HeaderParam.class);
                if (path != null) {
                    result.add(parameter("path", path.value(), parameterSchema(p)));
                } else if (query != null) {
                    result.add(parameter("query", query.value(), parameterSchema(p)).put("required",
                            Constraints.required(p)));
                } else if (header != null && !CONTENT_HEADERS.contains(header.value().toLowerCase(Locale.ROOT))) {
                    result.add(parameter("header", header.value(), parameterSchema(p)).put("required",
                            Constraints.required(p)));
                }
            }
            return result;
        }

        private ObjectNode parameterSchema(Parameter p) {
            ObjectNode schema = schemas.of(p.getParameterizedType());
            Constraints.describe(p, schema);
            DefaultValue defaultValue = p.getAnnotation(DefaultValue.class);
            return defaultValue == null ? schema : schema.set("default", typed(defaultValue.value(), schema));
        }
    }

    private static void header(ObjectNode response, String name, String description, String format,
                               boolean required) {
        ObjectNode schema = response.with("headers").putObject(name).put("description", description)
                .put("required", required).putObject("schema").put("type", "string");
        if (format != null) {
            schema.put("format", format);
        }
    }

    private static Type typeArgument(Type type) {
        if (type instanceof ParameterizedType generic) {
            return generic.getActualTypeArguments()[0];
        }
        throw new IllegalStateException("say what " + type + " carries: a raw answer type has no body schema");
    }

    private static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        return type.equals(MediaType.APPLICATION_JSON) || type.endsWith("+json");
    }

    /** Joins a path into one slash-separated form, reducing template regexes such as {id: [0-9]{1,9}} to {id}. */
    static String normalise(String path) {
        StringBuilder out = new StringBuilder("/");
        int depth = 0; // braces nest, since a template's regex may have quantifiers of its own
        boolean regex = false;
        for (char ch : path.toCharArray()) {
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                regex = false;
            } else if (ch == ':' && depth == 1) {
                regex = true;
            }
            boolean skip = regex || depth > 0 && Character.isWhitespace(ch)
                    || ch == '/' && out.charAt(out.length() - 1) == '/';
            if (!skip) {
                out.append(ch);
            }
        }
        if (out.length() > 1 && out.charAt(out.length() - 1) == '/') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static ObjectNode parameter(String in, String name, ObjectNode schema) {
        return NODES.objectNode().put("name", name).put("in", in).put("required", in.equals("path"))
                .set("schema", schema);
    }

    /** Adds a parameter unless one of the same name and location is there: the first, most specific, wins. */
    private static void addParameter(ArrayNode parameters, ObjectNode parameter) {
        for (JsonNode existing : parameters) {
            if (existing.get("name").equals(parameter.get("name")) && existing.get("in").equals(parameter.get("in"))) {
                return;
            }
        }
        parameters.add(parameter);
    }

    /** A @DefaultValue is text; the document shows it as a value of its parameter's JSON type. */
    private static JsonNode typed(String value, ObjectNode schema) {
        try {
            return switch (schema.path("type").asText()) {
                case "integer" -> NODES.numberNode(new BigInteger(value));
                case "number" -> NODES.numberNode(new BigDecimal(value));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(value));
                default -> NODES.textNode(value);
            };
        } catch (NumberFormatException e) {
            return NODES.textNode(value); // JAX-RS rejects it at request time; show it as written
        }
    }

    private static List<String> produces(Method method, Class<?> cls) {
        Produces produces = Optional.ofNullable(method.getAnnotation(Produces.class))
                .orElseGet(() -> classAnnotation(cls, Produces.class));
        return mediaTypes(produces == null ? null : produces.value());
    }

    private static List<String> consumes(Method method, Class<?> cls) {
        Consumes consumes = Optional.ofNullable(method.getAnnotation(Consumes.class))
                .orElseGet(() -> classAnnotation(cls, Consumes.class));
        return mediaTypes(consumes == null ? null : consumes.value());
    }

    /** JAX-RS allows several media types in one string, as in {@code "application/json, text/plain"}. */
    private static List<String> mediaTypes(String[] values) {
        if (values == null) {
            return List.of(MediaType.APPLICATION_JSON);
        }
        return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** The annotation that decides who may call: a method's own overrides its class's. */
    private static Annotation securityRule(AnnotatedElement element) {
        RolesAllowed roles = element.getAnnotation(RolesAllowed.class);
        return roles != null ? roles : element.getAnnotation(PermitAll.class);
    }

    private static String tagOf(Class<?> cls) {
        String name = cls.getSimpleName();
        return name.endsWith(RESOURCE_SUFFIX) && name.length() > RESOURCE_SUFFIX.length()
                ? name.substring(0, name.length() - RESOURCE_SUFFIX.length()) : name;
    }

    private static String pathOf(Path path) {
        return path == null ? "" : path.value();
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (httpMethod != null) {
                return httpMethod.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Public instance methods in a fixed order, since reflection promises none. */
    private static List<Method> publicMethods(Class<?> cls) {
        return Arrays.stream(cls.getMethods())
                .filter(m -> !m.isBridge() && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())))
                .toList();
    }

    /**
     * The method that carries the JAX-RS annotations: JAX-RS lets an implementation inherit them from the
     * superclass or interface method it overrides, as long as it declares none of its own.
     */
    private static Method annotatedMethod(Method method) {
        for (Class<?> type : hierarchy(method.getDeclaringClass())) {
            try {
                Method candidate = type.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (isJaxRs(candidate.getAnnotations())) {
                    return candidate;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level: look further up
            }
        }
        return method;
    }

    private static <A extends Annotation> A classAnnotation(Class<?> cls, Class<A> type) {
        return hierarchy(cls).stream().map(c -> c.getAnnotation(type)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The class and its supertypes, nearest first. */
    private static Set<Class<?>> hierarchy(Class<?> cls) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            result.add(c);
        }
        for (Class<?> c : List.copyOf(result)) {
            Arrays.stream(c.getInterfaces()).forEach(i -> result.addAll(hierarchy(i)));
        }
        return result;
    }

    /** JAX-RS annotations, including custom HTTP methods, mark a parameter as not the body and a method as mapped. */
    private static boolean isJaxRs(Annotation[] annotations) {
        return Arrays.stream(annotations).map(Annotation::annotationType).anyMatch(type ->
                type.getPackageName().startsWith("javax.ws.rs") || type.isAnnotationPresent(HttpMethod.class));
    }
}
