package no.sentral.routehost.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Recognises Camel XML route files: root element {@code <routes>} in the Camel namespace. */
public final class RouteFiles {

    public static final String CAMEL_NAMESPACE = "http://camel.apache.org/schema/spring";

    private RouteFiles() {
    }

    public static boolean isRoutesFile(Path file) {
        if (!file.getFileName().toString().endsWith(".xml") || !Files.isRegularFile(file)) {
            return false;
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // Only the root element is read; no DTDs or external entities from a dropped file.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamReader.START_ELEMENT) {
                        return "routes".equals(reader.getLocalName())
                                && CAMEL_NAMESPACE.equals(reader.getNamespaceURI());
                    }
                }
                return false;
            } finally {
                reader.close();
            }
        } catch (IOException | XMLStreamException e) {
            // A broken routes file still belongs to us, so that its error is reported rather than ignored.
            return file.getFileName().toString().endsWith(".routes.xml");
        }
    }
}
