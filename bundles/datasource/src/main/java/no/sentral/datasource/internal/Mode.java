package no.sentral.datasource.internal;

import java.util.Locale;

/** Where the database runs. */
enum Mode {
    EMBEDDED,
    EXTERNAL;

    /** The spelling used in configuration and in the {@code sentral.datasource.mode} service property. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String value) {
        String wanted = value == null ? "" : value.trim();
        for (Mode mode : values()) {
            if (mode.value().equalsIgnoreCase(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be 'embedded' or 'external', was '" + value + "'");
    }
}
