package no.sentral.rest.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Priority;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PathParam;
import javax.ws.rs.Priorities;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.ReaderInterceptor;
import javax.ws.rs.ext.ReaderInterceptorContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.Parse;

/**
 * Enforces the constraints that the OpenAPI document declares (see {@link Constraints}) before a resource
 * method runs: on query and header parameters as sent (422), on path parameters (404: no such resource can
 * have that name), on a required {@code If-Match} (428), and on every record of a JSON body once read (422).
 */
@Priority(Priorities.USER)
final class RequestChecks implements ContainerRequestFilter, ReaderInterceptor {

    /** Where a parameter comes from. */
    private enum Source { PATH, QUERY, HEADER }

    /**
     * One checked parameter of a resource method, read from its annotations once per class (see
     * {@link Constraints.Rules} for why not per request).
     */
    private record Checked(Source source, String name, boolean hasDefault, boolean versionRequired,
                           Constraints.Rules rules) {
    }

    /** Each resource class's methods and their checked parameters; kept on the class, so they go with its bundle. */
    private static final ClassValue<Map<Method, List<Checked>>> PLANS = new ClassValue<>() {
        @Override
        protected Map<Method, List<Checked>> computeValue(Class<?> type) {
            Map<Method, List<Checked>> plans = new HashMap<>();
            for (Method m : type.getMethods()) {
                plans.put(m, plan(m));
            }
            return Map.copyOf(plans);
        }
    };

    @Context
    private ResourceInfo resourceInfo;

    private static List<Checked> plan(Method method) {
        List<Checked> checked = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            boolean hasDefault = p.isAnnotationPresent(DefaultValue.class);
            Constraints.Rules rules = Constraints.Rules.of(p);
            if (path != null) {
                checked.add(new Checked(Source.PATH, path.value(), hasDefault, false, rules));
            } else if (query != null) {
                checked.add(new Checked(Source.QUERY, query.value(), hasDefault, false, rules));
            } else if (header != null) {
                checked.add(new Checked(Source.HEADER, header.value(), hasDefault,
                        header.value().equalsIgnoreCase(HttpHeaders.IF_MATCH) && rules.required(), rules));
            }
        }
        return List.copyOf(checked);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        List<Checked> plan = PLANS.get(method.getDeclaringClass()).get(method);
        if (plan == null) {
            plan = plan(method); // not public: JAX-RS would not have matched it, but do not fail on it
        }
        List<FieldError> errors = new ArrayList<>();
        // CXF parses the query string again at every call: once per request, not once per parameter.
        MultivaluedMap<String, String> pathParameters = null;
        MultivaluedMap<String, String> queryParameters = null;
        for (Checked p : plan) {
            switch (p.source()) {
                case PATH -> {
                    if (pathParameters == null) {
                        pathParameters = request.getUriInfo().getPathParameters();
                    }
                    String value = pathParameters.getFirst(p.name());
                    if (!Constraints.checkText(p.name(), value, p.rules()).isEmpty()) {
                        throw DomainException.notFound(p.name() + " '" + value + "'");
                    }
                }
                case QUERY -> {
                    if (queryParameters == null) {
                        queryParameters = request.getUriInfo().getQueryParameters();
                    }
                    String value = queryParameters.getFirst(p.name());
                    if (value != null || !p.hasDefault()) {
                        errors.addAll(Constraints.checkText(p.name(), value, p.rules()));
                    }
                }
                case HEADER -> {
                    String value = request.getHeaderString(p.name());
                    if (p.versionRequired()) {
                        Parse.expectedVersion(value); // a missing one is 428, one that is no version 412
                    } else {
                        errors.addAll(Constraints.checkText(p.name(), value, p.rules()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        List<FieldError> errors = Constraints.check(body);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return body;
    }
}
