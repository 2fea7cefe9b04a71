package no.sentral.api.security;

import java.util.List;
import java.util.Set;

/**
 * API tokens of a company, for systems that call Sentral: only a hash is stored, so the token is
 * seen once, when it is created.
 */
public interface ApiTokens {

    record Token(String id, String tenant, String name, Set<Role> roles, boolean revoked) {
    }

    /** A token just created, in clear. */
    record IssuedToken(String id, String token) {
    }

    IssuedToken create(String tenant, String name, Set<Role> roles);

    /** The company's tokens, oldest first, revoked ones included. */
    List<Token> list(String tenant);

    /** Revokes a token at once; a token the company does not have is not found. */
    void revoke(String tenant, String id);
}
