package no.sentral.api.security;

/**
 * Registered as an OSGi service by whatever remembers verified credentials: told of every
 * {@link CredentialsChanged}, on the node where it happened and on every other node, and must forget what
 * it concerns before returning. Called on the changing thread or an event consumer's: never blocks.
 */
public interface CredentialsListener {

    void changed(CredentialsChanged change);
}
