package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.PatternSyntaxException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;

/**
 * The constraint annotations of {@code no.sentral.api.spi.rest}, both as JSON Schema keywords for the OpenAPI
 * document and as checks of what a request carries: one place for both, so that the document promises exactly
 * what the server enforces.
 */
final class Constraints {

    static final String E164 = "^\\+[1-9][0-9]{1,14}$";
    private static final String UUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** The address rule of organisation's fields: something@something.tld, no spaces, at most 254 characters. */
    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    private static final int MAX_EMAIL = 254;
    /** The expressions compiled once: they are the annotations' constants, and each request checks some of them. */
    private static final Map<String, java.util.regex.Pattern> COMPILED = new ConcurrentHashMap<>();

    private Constraints() {
    }

    static boolean required(AnnotatedElement element) {
        return element.isAnnotationPresent(Required.class);
    }

    /**
     * One element's constraints, read from its annotations once. Requests check these, not the annotations:
     * a {@link java.lang.reflect.Parameter}'s annotations are behind a lock, and with 20 clients on two cores
     * a thread preempted while holding it held up the others by tens of milliseconds (JFR: 120 waits over
     * 10 ms in 43 s of the subscription list).
     */
    record Rules(boolean required, Size size, Range range, Format format, Pattern pattern) {

        static Rules of(AnnotatedElement element) {
            Pattern pattern = element.getAnnotation(Pattern.class);
            if (pattern != null) {
                compiled(pattern.value());
            }
            return new Rules(Constraints.required(element), element.getAnnotation(Size.class),
                    element.getAnnotation(Range.class), element.getAnnotation(Format.class), pattern);
        }
    }

    /** A record's components with their accessors and rules, made once per record class. */
    private record Component(String name, Method accessor, Rules rules) {
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                components.add(new Component(c.getName(), accessor, Rules.of(c)));
            }
            return List.copyOf(components);
        }
    };

    /** Adds the element's constraints to the schema of its value. */
    static void describe(AnnotatedElement element, ObjectNode schema) {
        Rules rules = Rules.of(element);
        Size size = rules.size();
        if (size != null) {
            boolean array = "array".equals(schema.path("type").asText());
            if (size.min() > 0) {
                schema.put(array ? "minItems" : "minLength", size.min());
            }
            if (size.max() < Integer.MAX_VALUE) {
                schema.put(array ? "maxItems" : "maxLength", size.max());
            }
        }
        Range range = rules.range();
        if (range != null) {
            if (range.min() > Long.MIN_VALUE) {
                schema.put("minimum", range.min());
            }
            if (range.max() < Long.MAX_VALUE) {
                schema.put("maximum", range.max());
            }
        }
        Format format = rules.format();
        if (format != null) {
            switch (format.value()) {
                case UUID -> schema.put("format", "uuid");
                case EMAIL -> schema.put("format", "email").put("maxLength", MAX_EMAIL);
                case DATE_TIME -> schema.put("format", "date-time");
                case E164 -> schema.put("pattern", E164);
            }
        }
        Pattern pattern = rules.pattern();
        if (pattern != null) {
            schema.put("pattern", pattern.value());
        }
    }

    /** The errors of a request body: its records' components, and those of the records and lists inside them. */
    static List<FieldError> check(Object body) {
        List<FieldError> errors = new ArrayList<>();
        walk("", body, errors);
        return errors;
    }

    /** The errors of one request value (a parameter, say) as it was sent, as text. */
    static List<FieldError> checkText(String field, String value, Rules rules) {
        List<FieldError> errors = new ArrayList<>();
        checkValue(field, value, rules, errors);
        return errors;
    }

    private static void walk(String prefix, Object value, List<FieldError> errors) {
        if (value instanceof Record record) {
            for (Component component : COMPONENTS.get(record.getClass())) {
                String field = prefix + component.name();
                Object v = read(component, record);
                checkValue(field, v, component.rules(), errors);
                walk(field + ".", v, errors);
            }
        } else if (value instanceof Collection<?> items) {
            String owner = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
            int i = 0;
            for (Object item : items) {
                walk(owner + "[" + i++ + "].", item, errors);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(prefix + k + ".", v, errors));
        }
    }

    private static Object read(Component component, Record record) {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
        }
    }

    private static void checkValue(String field, Object value, Rules rules, List<FieldError> errors) {
        if (value == null) {
            if (rules.required()) {
                errors.add(new FieldError(field, "required"));
            }
            return;
        }
        Size size = rules.size();
        if (size != null) {
            int n = value instanceof Collection<?> c ? c.size() : value.toString().length();
            if (n < size.min() || n > size.max()) {
                String unit = value instanceof Collection ? " items" : " characters";
                errors.add(new FieldError(field, size.max() == Integer.MAX_VALUE ? "at least " + size.min() + unit
                        : "from " + size.min() + " to " + size.max() + unit));
            }
        }
        Range range = rules.range();
        if (range != null) {
            Long n = value instanceof Number number ? Long.valueOf(number.longValue()) : parseLong(value.toString());
            if (n == null || n < range.min() || n > range.max()) {
                errors.add(new FieldError(field, range.min() == Long.MIN_VALUE ? "a whole number of at most " + range.max()
                        : range.max() == Long.MAX_VALUE ? "a whole number of at least " + range.min()
                        : "a whole number from " + range.min() + " to " + range.max()));
            }
        }
        Format format = rules.format();
        if (format != null && !matches(format.value(), value.toString())) {
            errors.add(new FieldError(field, switch (format.value()) {
                case UUID -> "a UUID";
                case EMAIL -> "an e-mail address";
                case DATE_TIME -> "an RFC 3339 date and time, e.g. 2026-01-31T23:00:00Z";
                case E164 -> "a phone number in E.164, e.g. +4798765432";
            }));
        }
        Pattern pattern = rules.pattern();
        if (pattern != null && !find(pattern.value(), value.toString())) {
            errors.add(new FieldError(field, pattern.message()));
        }
    }

    private static boolean matches(Format.Kind kind, String value) {
        return switch (kind) {
            case UUID -> find(UUID, value);
            case EMAIL -> value.length() <= MAX_EMAIL && find(EMAIL, value);
            case E164 -> find(E164, value);
            case DATE_TIME -> {
                try {
                    OffsetDateTime.parse(value);
                    yield true;
                } catch (DateTimeParseException e) {
                    yield false;
                }
            }
        };
    }

    private static boolean find(String regex, String value) {
        return compiled(regex).matcher(value).find();
    }

    private static java.util.regex.Pattern compiled(String regex) {
        // get first: computeIfAbsent may lock the key's bin even when the key is there
        java.util.regex.Pattern p = COMPILED.get(regex);
        return p != null ? p : COMPILED.computeIfAbsent(regex, Constraints::compile);
    }

    private static java.util.regex.Pattern compile(String regex) {
        try {
            return java.util.regex.Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("not a regular expression: " + regex, e);
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
