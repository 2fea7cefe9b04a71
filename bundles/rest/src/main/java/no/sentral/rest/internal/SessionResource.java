package no.sentral.rest.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.annotation.security.PermitAll;
import javax.security.auth.login.LoginException;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Realm;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.security.Sessions;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Responds;
import no.sentral.api.spi.rest.Size;

/**
 * {@code /api/v1/session}: browser sessions (issue 11 §2). Logging in sets an HttpOnly, SameSite=Strict cookie
 * (Secure over HTTPS) and answers the CSRF token that every state-changing request made with the cookie must
 * carry in {@code X-CSRF-Token}; Basic and Bearer requests need none.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    public record Login(@Required @Size(min = 1, max = 254) String username,
                        @Required @Size(min = 1, max = 1024) String password) {
    }

    /** @param tenant null for the platform administrator */
    public record SessionInfo(String name, String tenant, List<String> roles, Set<String> departments,
                              String csrfToken, Instant expires) {

        static SessionInfo of(Sessions.Session session) {
            SentralPrincipal p = session.principal();
            return new SessionInfo(p.getName(), p.tenant(), p.roles().stream().map(Role::id).sorted().toList(),
                    p.departments(), session.csrfToken(), session.expires());
        }
    }

    private final Sessions sessions;
    private final Authenticator authenticator;

    SessionResource(Sessions sessions, Authenticator authenticator) {
        this.sessions = sessions;
        this.authenticator = authenticator;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Responds(status = 201, body = SessionInfo.class, headers = {HttpHeaders.LOCATION, HttpHeaders.SET_COOKIE})
    public Response logIn(Login login, @Context SecurityContext security, @Context HttpServletRequest servlet) {
        if (login == null) {
            throw DomainException.malformed("a JSON body {\"username\", \"password\"} is required");
        }
        if (Realm.TOKEN_USER.equals(login.username())) {
            throw DomainException.invalid("username", "sessions are for people; systems send their API token");
        }
        SentralPrincipal person;
        try {
            person = authenticator.verify(login.username(), login.password(), servlet.getRemoteAddr());
        } catch (Authenticator.Throttled e) {
            return AuthFilter.throttled(e);
        } catch (LoginException e) {
            return AuthFilter.unauthorized("wrong user name or password");
        }
        Sessions.Opened opened = sessions.open(person);
        // No Max-Age: the browser forgets the cookie when it closes; the server ends the session on its own terms.
        return Response.status(201).location(URI.create("session"))
                .header(HttpHeaders.SET_COOKIE, cookie(opened.token(), "", security.isSecure()))
                .entity(SessionInfo.of(opened.session())).build();
    }

    /** Who the session is, with its CSRF token (for a page loaded again); not found for Basic or Bearer callers. */
    @GET
    public SessionInfo who(@CookieParam(AuthFilter.SESSION_COOKIE) String token, @Context SecurityContext security) {
        return SessionInfo.of(current(token, security));
    }

    @DELETE
    @Responds(status = 204, body = Void.class, headers = HttpHeaders.SET_COOKIE)
    public Response logOut(@CookieParam(AuthFilter.SESSION_COOKIE) String token, @Context SecurityContext security) {
        current(token, security);
        sessions.close(token);
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", "; Max-Age=0", security.isSecure())).build();
    }

    private Sessions.Session current(String token, SecurityContext security) {
        if (!AuthFilter.SESSION_SCHEME.equals(security.getAuthenticationScheme())) {
            throw DomainException.notFound("session: this request was not made with a session cookie");
        }
        return sessions.find(token).orElseThrow(() -> DomainException.notFound("session"));
    }

    private static String cookie(String value, String maxAge, boolean secure) {
        return AuthFilter.SESSION_COOKIE + "=" + value + "; Path=/api" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
