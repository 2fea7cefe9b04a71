package no.sentral.datasource.internal;

import java.lang.annotation.Annotation;

/** {@link DataSourceConfig} as DS would build it, with the defaults of the annotation. */
@SuppressWarnings("all") // an annotation interface as superinterface is legal but warned about
record TestConfig(String mode, String dataDirectory, int port, String url, String user, String password, int poolSize)
        implements DataSourceConfig {

    static TestConfig defaults() {
        return new TestConfig("embedded", "", 0, "", "", "", 10);
    }

    static TestConfig external(String url, String user, String password) {
        return new TestConfig("external", "", 0, url, user, password, 10);
    }

    TestConfig withMode(String mode) {
        return new TestConfig(mode, dataDirectory, port, url, user, password, poolSize);
    }

    TestConfig withDataDirectory(String dataDirectory) {
        return new TestConfig(mode, dataDirectory, port, url, user, password, poolSize);
    }

    TestConfig withPort(int port) {
        return new TestConfig(mode, dataDirectory, port, url, user, password, poolSize);
    }

    TestConfig withPoolSize(int poolSize) {
        return new TestConfig(mode, dataDirectory, port, url, user, password, poolSize);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return DataSourceConfig.class;
    }
}
