package no.sentral.persistence.internal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import no.sentral.persistence.internal.PostgresDatabase;
import no.sentral.persistence.internal.Migration;
import no.sentral.persistence.internal.Migrator;

/**
 * {@link PostgresDatabase} outside OSGi. The real one finds its scripts with {@code Bundle.findEntries},
 * which needs a bundle; this subclass finds {@code db/migration/<owner>/V*.sql} on the anchor's
 * class path (a folder or a jar) and runs them with the real {@link Migrator}.
 */
public final class ClasspathDatabase extends PostgresDatabase {

    public ClasspathDatabase(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public int migrate(Class<?> anchor, String owner) {
        return new Migrator(dataSource()).migrate(owner, scripts(anchor, owner));
    }

    /** The owner's migration scripts as shipped next to {@code anchor}. */
    public static List<Migration> scripts(Class<?> anchor, String owner) {
        String folder = "db/migration/" + owner + "/";
        URL url = anchor.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is not on the class path");
        }
        List<Migration> found = new ArrayList<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (name.startsWith(folder) && name.endsWith(".sql") && name.indexOf('/', folder.length()) < 0) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                found.add(Migration.fromFile(name.substring(folder.length()),
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                            }
                        }
                    }
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                        found.add(Migration.fromFile(file.getFileName().toString(), Files.readString(file)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
