package no.sentral.prebuilt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrebuiltBootTest {

    @TempDir
    Path dir;

    @Test
    void unchangedBootConfigurationKeepsTheCache() throws IOException {
        Path built = boot("built", "featuresBoot = a, b\n", "<featuresProcessing/>\n");
        Path etc = boot("etc", "featuresBoot = a, b\n", "<featuresProcessing/>\n");
        assertEquals(List.of(), PrebuiltBoot.edited(built, etc));
    }

    @Test
    void anEditedOrMissingFileIsNamed() throws IOException {
        Path built = boot("built", "featuresBoot = a, b\n", "<featuresProcessing/>\n");
        // Pax Exam appends its own feature; an admin may delete the processing file.
        Path etc = boot("etc", "featuresBoot = a, b, exam\n", null);
        assertEquals(List.of("org.apache.karaf.features.cfg", "org.apache.karaf.features.xml"),
                PrebuiltBoot.edited(built, etc));
    }

    @Test
    void aChangeOfOneByteCounts() throws IOException {
        Path built = boot("built", "featuresBoot = a, b\n", "<featuresProcessing/>\n");
        Path etc = boot("etc", "featuresBoot = a, c\n", "<featuresProcessing/>\n");
        assertEquals(List.of("org.apache.karaf.features.cfg"), PrebuiltBoot.edited(built, etc));
    }

    private Path boot(String name, String cfg, String xml) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("org.apache.karaf.features.cfg"), cfg);
        if (xml != null) {
            Files.writeString(d.resolve("org.apache.karaf.features.xml"), xml);
        }
        return d;
    }
}
