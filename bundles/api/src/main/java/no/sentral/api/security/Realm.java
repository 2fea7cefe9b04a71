package no.sentral.api.security;

/** Conventions of the {@code sentral} JAAS realm, shared by the REST edge and the login module. */
public final class Realm {

    /** The JAAS realm the REST API and the web UIs log in against. */
    public static final String NAME = "sentral";

    /** The user name under which the realm takes an API token as the password. */
    public static final String TOKEN_USER = "$token";

    private Realm() {
    }
}
