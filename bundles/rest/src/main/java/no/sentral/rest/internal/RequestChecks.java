package no.sentral.rest.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
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

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        // CXF parses the query string again at every call: once per request, not once per parameter.
        MultivaluedMap<String, String> pathParameters = null;
        MultivaluedMap<String, String> queryParameters = null;
        for (Parameter p : method.getParameters()) {
            PathParam path = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            if (path != null) {
                if (pathParameters == null) {
                    pathParameters = request.getUriInfo().getPathParameters();
                }
                String value = pathParameters.getFirst(path.value());
                if (!Constraints.checkText(path.value(), value, p).isEmpty()) {
                    throw DomainException.notFound(path.value() + " '" + value + "'");
                }
            } else if (query != null) {
                if (queryParameters == null) {
                    queryParameters = request.getUriInfo().getQueryParameters();
                }
                String value = queryParameters.getFirst(query.value());
                if (value != null || p.getAnnotation(DefaultValue.class) == null) {
                    errors.addAll(Constraints.checkText(query.value(), value, p));
                }
            } else if (header != null) {
                String value = request.getHeaderString(header.value());
                if (header.value().equalsIgnoreCase(HttpHeaders.IF_MATCH) && Constraints.required(p)) {
                    Parse.expectedVersion(value); // a missing one is 428, one that is no version 412
                } else {
                    errors.addAll(Constraints.checkText(header.value(), value, p));
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
