package no.sentral.api.security;

/**
 * The installation's own account, made at the first start, with which Sentral's bundles log in to
 * its infrastructure (the broker). Its password is generated and never shown.
 */
public interface SystemAccount {

    String username();

    String password();
}
