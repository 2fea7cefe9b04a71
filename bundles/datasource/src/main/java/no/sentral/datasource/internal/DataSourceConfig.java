package no.sentral.datasource.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(
        name = "Sentral database",
        description = "Where Sentral keeps its data: an embedded PostgreSQL (default) or an external server.")
public @interface DataSourceConfig {

    @AttributeDefinition(
            description = "embedded: PostgreSQL runs inside Sentral, data under dataDirectory. "
                    + "external: connect to the server given by url, user and password.",
            options = {
                    @Option(label = "Embedded PostgreSQL", value = "embedded"),
                    @Option(label = "External PostgreSQL server", value = "external")
            })
    String mode() default "embedded";

    @AttributeDefinition(required = false,
            description = "Embedded mode: the PostgreSQL data directory. Empty means ${karaf.data}/postgresql/data.")
    String dataDirectory() default "";

    @AttributeDefinition(min = "0", max = "65535",
            description = "Embedded mode: TCP port on localhost. 0 picks a free port at every start.")
    int port() default 0;

    @AttributeDefinition(required = false,
            description = "External mode: JDBC URL, e.g. jdbc:postgresql://db.example.com:5432/sentral")
    String url() default "";

    @AttributeDefinition(required = false, description = "External mode: database user.")
    String user() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD,
            description = "External mode: password of the database user.")
    String password() default "";

    @AttributeDefinition(min = "1", description = "Maximum number of pooled connections.")
    int poolSize() default 10;
}
