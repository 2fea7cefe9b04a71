package no.sentral.api.organisation;

/**
 * The operator's side of the companies' agreements, for bundles that provision companies (the
 * operator's order system, the demo company) without a platform admin's login.
 */
public interface Agreements {

    /** The company's agreement; a company that does not exist is not found. */
    Agreement agreement(String tenant);

    /**
     * Replaces the company's agreement, audited as {@code actor}. A price plan still used by a live
     * subscription cannot be removed, nor change its kind or data.
     */
    Agreement setAgreement(String actor, String tenant, Agreement agreement);
}
