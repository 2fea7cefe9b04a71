/**
 * The organisation model every capability stands on: companies, departments, employees, external
 * contacts, the company's agreement (price plans and add-ons on offer), SIM stock, subscriptions,
 * SIM orders and equipment. Read by other bundles through {@link no.sentral.api.organisation.Organisation};
 * changes are announced as {@code sentral.org.*} and {@code sentral.subscription.*} events.
 */
package no.sentral.api.organisation;
