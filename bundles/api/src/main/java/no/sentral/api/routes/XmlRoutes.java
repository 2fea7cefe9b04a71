package no.sentral.api.routes;

import java.util.Objects;

/** A {@link RouteSource} holding its XML; meant to be declared as a bean in a Blueprint file. */
public final class XmlRoutes implements RouteSource {

    private final String name;
    private final String xml;

    public XmlRoutes(String name, String xml) {
        this.name = Objects.requireNonNull(name, "name");
        this.xml = Objects.requireNonNull(xml, "xml").strip();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String xml() {
        return xml;
    }
}
