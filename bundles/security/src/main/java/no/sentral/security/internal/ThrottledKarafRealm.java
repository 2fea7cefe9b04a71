package no.sentral.security.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import no.sentral.api.security.LoginThrottle;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Karaf's own {@code karaf} realm, which its SSH server, JMX, the web console and the embedded broker log in
 * against, with the {@link LoginThrottle} around it (issue 11 §2): the same modules, as Karaf configures them
 * (etc/org.apache.karaf.jaas.cfg), between a {@link ThrottleLoginModule} that refuses throttled logins and one
 * that counts failures. It outranks Karaf's realm of the same name, which it wraps.
 */
@Component(service = JaasRealm.class, property = {"org.apache.karaf.jaas.module=karaf", ThrottledKarafRealm.MARK + "=true"})
public class ThrottledKarafRealm implements JaasRealm {

    static final String MARK = "sentral.throttled";
    static final String KARAF = "karaf";

    private final List<JaasRealm> realms = new CopyOnWriteArrayList<>();
    private final AppConfigurationEntry check;
    private final AppConfigurationEntry record;

    @Activate
    public ThrottledKarafRealm(BundleContext context, @Reference LoginThrottle throttle) {
        check = entry(context, throttle, ThrottleLoginModule.CHECK, LoginModuleControlFlag.REQUISITE);
        record = entry(context, throttle, ThrottleLoginModule.RECORD, LoginModuleControlFlag.OPTIONAL);
    }

    private static AppConfigurationEntry entry(BundleContext context, LoginThrottle throttle, String step,
                                               LoginModuleControlFlag flag) {
        Map<String, Object> options = SentralRealm.proxied(context, ThrottleLoginModule.class);
        options.put(ThrottleLoginModule.OPTION_THROTTLE, throttle);
        options.put(ThrottleLoginModule.OPTION_STEP, step);
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), flag, options);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(" + MARK + "=true))")
    void addRealm(JaasRealm realm) {
        realms.add(realm);
    }

    void removeRealm(JaasRealm realm) {
        realms.remove(realm);
    }

    @Override
    public String getName() {
        return KARAF;
    }

    /** Above Karaf's own (rank 0), so that logins to "karaf" come here. */
    @Override
    public int getRank() {
        return 1;
    }

    /** Karaf's modules as configured now; none (every login fails) while Karaf's realm is away. */
    @Override
    public AppConfigurationEntry[] getEntries() {
        List<AppConfigurationEntry> entries = new ArrayList<>();
        realms.stream().filter(r -> KARAF.equals(r.getName())).max(Comparator.comparingInt(JaasRealm::getRank))
                .ifPresent(karaf -> {
                    entries.add(check);
                    entries.addAll(List.of(karaf.getEntries()));
                    entries.add(record);
                });
        return entries.toArray(AppConfigurationEntry[]::new);
    }
}
