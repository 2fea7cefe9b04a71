/**
 * What bundles that own tables need of JDBC: the {@link no.sentral.api.spi.jdbc.Database} service
 * (migrations, pooled connections), {@link no.sentral.api.spi.jdbc.Transactions} (a change, its audit
 * entries and its events in one commit) and the {@link no.sentral.api.spi.jdbc.Sql} helper. The rest
 * of the API speaks in domain terms and carries no JDBC types.
 */
package no.sentral.api.spi.jdbc;
