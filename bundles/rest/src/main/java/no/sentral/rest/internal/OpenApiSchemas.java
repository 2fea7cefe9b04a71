package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import no.sentral.api.failure.FieldError;

/**
 * Turns Java types into OpenAPI 3.0 schemas for {@link OpenApiGenerator}, collecting the named object schemas
 * of records and beans as it goes. One instance serves one generation.
 */
final class OpenApiSchemas {

    static final String REF_PREFIX = "#/components/schemas/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Scalar(String type, String format) {
        ObjectNode schema() {
            ObjectNode schema = NODES.objectNode().put("type", type);
            return format == null ? schema : schema.put("format", format);
        }
    }

    private static final Scalar STRING = new Scalar("string", null);
    private static final Map<Class<?>, Scalar> SCALARS = scalars();

    private final SortedMap<String, JsonNode> schemas = new TreeMap<>();
    private final Map<String, String> names = new HashMap<>();

    OpenApiSchemas() {
        // Our Problem record has no `instance`, which RFC 9457 defines, so its schema is written out by hand.
        names.put(Problem.class.getName() + "[]", "Problem");
        schemas.put("Problem", problemSchema(of(FieldError.class)));
    }

    /** The named schemas met so far, sorted by name. */
    SortedMap<String, JsonNode> named() {
        return schemas;
    }

    /** A fresh schema for the type, which the caller may add to (a default, say). */
    ObjectNode of(Type type) {
        return of(type, Map.of());
    }

    /**
     * A fresh schema for the type in which every value that says nothing of its JSON (Object, JsonNode) is
     * the named choice of {@code choices} ({@link no.sentral.api.spi.rest.AnyOf}).
     */
    ObjectNode of(Type type, String name, List<Class<?>> choices) {
        if (!schemas.containsKey(name)) {
            ArrayNode anyOf = NODES.arrayNode();
            choices.forEach(c -> anyOf.add(of(c)));
            schemas.put(name, NODES.objectNode().set("anyOf", anyOf));
        }
        ObjectNode schema = of(type);
        ObjectNode reference = NODES.objectNode().put("$ref", REF_PREFIX + name);
        if (schema.isEmpty()) {
            return reference;
        }
        replaceOpaque(schema, reference);
        return schema;
    }

    /** Puts {@code reference} wherever the schema has an empty one (array items, map values). */
    private static void replaceOpaque(ObjectNode schema, ObjectNode reference) {
        schema.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode child) {
                if (child.isEmpty()) {
                    field.setValue(reference.deepCopy());
                } else {
                    replaceOpaque(child, reference);
                }
            }
        });
    }

    /** {@code bindings} are the type arguments of the generic record being described, by their variables. */
    private ObjectNode of(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound == null ? NODES.objectNode() : of(bound, Map.of());
        }
        if (type instanceof ParameterizedType generic) {
            Class<?> raw = (Class<?>) generic.getRawType();
            Type[] args = Arrays.stream(generic.getActualTypeArguments()).map(a -> resolve(a, bindings))
                    .toArray(Type[]::new);
            if (Collection.class.isAssignableFrom(raw)) {
                return array(of(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return NODES.objectNode().put("type", "object").set("additionalProperties", of(args[1]));
            }
            if (raw == Optional.class) {
                return of(args[0]);
            }
            return raw.getTypeParameters().length == args.length && args.length > 0 ? reference(raw, args)
                    : of(raw);
        }
        if (type instanceof GenericArrayType array) {
            return array(of(array.getGenericComponentType(), bindings));
        }
        if (type instanceof WildcardType wildcard) {
            return of(wildcard.getUpperBounds()[0], bindings);
        }
        if (!(type instanceof Class<?> cls)) {
            return NODES.objectNode();
        }
        if (SCALARS.containsKey(cls)) {
            return SCALARS.get(cls).schema();
        }
        if (cls.isEnum()) {
            ObjectNode schema = STRING.schema();
            Arrays.stream(cls.getEnumConstants()).forEach(c -> schema.withArrayProperty("enum").add(((Enum<?>) c).name()));
            return schema;
        }
        if (cls == byte[].class) {
            return new Scalar("string", "byte").schema();
        }
        if (cls.isArray()) {
            return array(of(cls.getComponentType()));
        }
        if (Collection.class.isAssignableFrom(cls)) {
            return array(NODES.objectNode());
        }
        if (Map.class.isAssignableFrom(cls)) {
            return NODES.objectNode().put("type", "object");
        }
        // Object, JsonNode, interfaces and the JDK's own classes say nothing about their JSON: any value goes.
        boolean opaque = cls.isInterface() || cls.isPrimitive() || cls.getName().startsWith("java.")
                || cls.getName().startsWith("javax.") || JsonNode.class.isAssignableFrom(cls);
        return opaque ? NODES.objectNode() : reference(cls, new Type[0]);
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : type;
    }

    /** A named schema for the class with these type arguments: {@code Page<Employee>} is {@code PageOfEmployee}. */
    private ObjectNode reference(Class<?> cls, Type[] args) {
        String key = cls.getName() + Arrays.toString(args);
        String name = names.get(key);
        if (name == null) {
            StringBuilder simple = new StringBuilder(cls.getSimpleName());
            for (int i = 0; i < args.length; i++) {
                simple.append(i == 0 ? "Of" : "And").append(args[i] instanceof Class<?> c ? c.getSimpleName()
                        : args[i].getTypeName().replaceAll("[^A-Za-z0-9]", ""));
            }
            // Two classes of the same simple name must not overwrite each other: a nested one takes its owner's name.
            if (schemas.containsKey(simple.toString()) && cls.getEnclosingClass() != null) {
                simple.insert(0, cls.getEnclosingClass().getSimpleName());
            }
            name = schemas.containsKey(simple.toString()) ? key.replaceAll("[^A-Za-z0-9]", "_") : simple.toString();
            names.put(key, name);
            // Registered before its properties are described, so that a cycle ends in a $ref to it.
            ObjectNode schema = NODES.objectNode().put("type", "object");
            schemas.put(name, schema);
            Map<TypeVariable<?>, Type> bindings = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                bindings.put(cls.getTypeParameters()[i], args[i]);
            }
            describe(cls, schema, bindings);
        }
        return NODES.objectNode().put("$ref", REF_PREFIX + name);
    }

    private void describe(Class<?> cls, ObjectNode schema, Map<TypeVariable<?>, Type> bindings) {
        ObjectNode properties = schema.putObject("properties");
        if (cls.isRecord()) {
            for (RecordComponent component : cls.getRecordComponents()) {
                ObjectNode property = of(component.getGenericType(), bindings);
                Constraints.describe(component, property);
                properties.set(component.getName(), property);
                // Only what the server refuses a request without: a primitive left out of one reads as 0 or false.
                if (Constraints.required(component)) {
                    schema.withArrayProperty("required").add(component.getName());
                }
            }
        } else {
            Map<String, Method> getters = new TreeMap<>();
            for (Method m : cls.getMethods()) {
                String name = m.getName();
                int prefix = name.startsWith("get") && !name.equals("getClass") ? 3
                        : name.startsWith("is") && m.getReturnType() == boolean.class ? 2 : 0;
                if (prefix > 0 && name.length() > prefix && m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers())) {
                    getters.put(Character.toLowerCase(name.charAt(prefix)) + name.substring(prefix + 1), m);
                }
            }
            getters.forEach((property, getter) -> properties.set(property, of(getter.getGenericReturnType(), bindings)));
        }
        // The server refuses unknown fields in requests, and its answers hold only these.
        schema.put("additionalProperties", false);
    }

    private static ObjectNode array(ObjectNode items) {
        return NODES.objectNode().put("type", "array").set("items", items);
    }

    private static ObjectNode problemSchema(ObjectNode fieldError) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("type", new Scalar("string", "uri").schema());
        properties.set("title", STRING.schema());
        properties.set("status", new Scalar("integer", "int32").schema());
        properties.set("detail", STRING.schema());
        properties.set("instance", new Scalar("string", "uri-reference").schema());
        properties.set("errors", array(fieldError));
        schema.putArray("required").add("type").add("title").add("status");
        return schema;
    }

    private static Map<Class<?>, Scalar> scalars() {
        Map<Class<?>, Scalar> scalars = new HashMap<>();
        Scalar int32 = new Scalar("integer", "int32");
        Scalar int64 = new Scalar("integer", "int64");
        Scalar bool = new Scalar("boolean", null);
        Scalar float64 = new Scalar("number", "double");
        Scalar float32 = new Scalar("number", "float");
        Scalar dateTime = new Scalar("string", "date-time");
        // A time of day ("08:00") and a time-zone id ("Europe/Oslo") are plain text in JSON.
        List.of(String.class, char.class, Character.class, LocalTime.class, ZoneId.class)
                .forEach(c -> scalars.put(c, STRING));
        List.of(int.class, Integer.class, short.class, Short.class, byte.class, Byte.class).forEach(c -> scalars.put(c, int32));
        List.of(long.class, Long.class).forEach(c -> scalars.put(c, int64));
        List.of(boolean.class, Boolean.class).forEach(c -> scalars.put(c, bool));
        List.of(double.class, Double.class).forEach(c -> scalars.put(c, float64));
        List.of(float.class, Float.class).forEach(c -> scalars.put(c, float32));
        List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class).forEach(c -> scalars.put(c, dateTime));
        scalars.put(BigDecimal.class, new Scalar("number", null));
        scalars.put(BigInteger.class, new Scalar("integer", null));
        scalars.put(UUID.class, new Scalar("string", "uuid"));
        scalars.put(URI.class, new Scalar("string", "uri"));
        scalars.put(LocalDate.class, new Scalar("string", "date"));
        return Map.copyOf(scalars);
    }
}
