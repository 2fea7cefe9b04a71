package no.sentral.security.internal;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import no.sentral.api.security.Realm;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code sentral} JAAS realm used by the REST API and the web UIs: company accounts and API
 * tokens first, then the Karaf realm's {@code etc/users.properties} so that the installation's
 * admin (role {@code admin}) logs in everywhere with the same password.
 */
@Component(service = JaasRealm.class, property = "org.apache.karaf.jaas.module=sentral")
public class SentralRealm implements JaasRealm {

    private final AppConfigurationEntry[] entries;

    @Activate
    public SentralRealm(BundleContext context, @Reference AccountStore accounts, @Reference TokenStore tokens) {
        Map<String, Object> sentral = proxied(context, SentralLoginModule.class);
        sentral.put(SentralLoginModule.OPTION_ACCOUNTS, accounts);
        sentral.put(SentralLoginModule.OPTION_TOKENS, tokens);
        Map<String, Object> karaf = proxied(context, PropertiesLoginModule.class);
        karaf.put("users", System.getProperty("karaf.etc", "etc") + "/users.properties");
        entries = new AppConfigurationEntry[] {
            new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT, sentral),
            new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT, karaf)
        };
    }

    static Map<String, Object> proxied(BundleContext context, Class<?> module) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, module.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE,
                Long.toString(FrameworkUtil.getBundle(module).getBundleId()));
        options.put(BundleContext.class.getName(), context);
        return options;
    }

    @Override
    public String getName() {
        return Realm.NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries;
    }
}
