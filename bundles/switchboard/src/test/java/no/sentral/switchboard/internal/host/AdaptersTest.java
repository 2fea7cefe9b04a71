package no.sentral.switchboard.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.TelephonyAdapter;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

class AdaptersTest {

    /** A service as SCR hands it over: the object only exists once someone gets it (the host's tests use it too). */
    static final class Objects implements ComponentServiceObjects<TelephonyAdapter> {
        final String name;
        final Consumer<Command> network;
        final ServiceReference<TelephonyAdapter> reference;
        int gets;
        int ungets;

        Objects(String name, long serviceId) {
            this(name, serviceId, command -> { });
        }

        @SuppressWarnings("unchecked")
        Objects(String name, long serviceId, Consumer<Command> network) {
            this.name = name;
            this.network = network;
            Map<String, Object> properties = Map.of("service.id", serviceId);
            reference = (ServiceReference<TelephonyAdapter>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperty" -> properties.get((String) args[0]);
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public TelephonyAdapter getService() {
            gets++;
            return new TelephonyAdapter() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public void execute(Command command) {
                    network.accept(command);
                }
            };
        }

        @Override
        public void ungetService(TelephonyAdapter service) {
            ungets++;
        }

        @Override
        public ServiceReference<TelephonyAdapter> getServiceReference() {
            return reference;
        }
    }

    private final Adapters adapters = new Adapters();

    @Test
    void bindingFetchesNothingAndTheAdapterBoundLastCarriesTheCommands() {
        Objects simulator = new Objects("simulator", 1);
        Objects sip = new Objects("sip", 2);
        adapters.bind(simulator);
        adapters.bind(sip);
        assertEquals(0, simulator.gets + sip.gets);

        TelephonyAdapter current = adapters.current();
        assertEquals("sip", current.name());
        assertSame(current, adapters.current());
        assertEquals(1, sip.gets);
        assertEquals(List.of("sip", "simulator"), adapters.names());
    }

    @Test
    void unbindingReleasesTheAdapterAndTheNextTakesOver() {
        Objects simulator = new Objects("simulator", 1);
        Objects sip = new Objects("sip", 2);
        adapters.bind(simulator);
        adapters.bind(sip);
        adapters.current();

        adapters.unbind(sip);
        assertEquals(1, sip.ungets);
        assertEquals("simulator", adapters.current().name());

        adapters.unbind(simulator);
        assertNull(adapters.current());
        assertEquals(List.of(), adapters.names());
        assertEquals("service 2", Adapters.label(sip));
    }
}
