package no.sentral.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sentral.api.security.Tenants;
import org.apache.karaf.shell.support.completers.ArgumentCommandLine;
import org.junit.jupiter.api.Test;

class TenantCompleterTest {

    private final TenantCompleter completer = new TenantCompleter();

    TenantCompleterTest() {
        completer.tenants = new Tenants() {
            @Override
            public void create(String id, String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Tenant> find(String id) {
                return list().stream().filter(t -> t.id().equals(id)).findFirst();
            }

            @Override
            public List<Tenant> list() {
                return List.of(new Tenant("acme", "Acme AS"), new Tenant("demo", "Demo Bedrift AS"),
                        new Tenant("dovre", "Dovre AS"));
            }
        };
    }

    @Test
    void completesTheCompanyIdsThatStartWithWhatWasTyped() {
        assertEquals(List.of("demo ", "dovre "), complete("d"));
        assertEquals(List.of("acme ", "demo ", "dovre "), complete(""));
        assertEquals(List.of(), complete("x"));
    }

    private List<String> complete(String typed) {
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new ArgumentCommandLine(typed, typed.length()), candidates);
        candidates.sort(String::compareTo);
        return candidates;
    }
}
