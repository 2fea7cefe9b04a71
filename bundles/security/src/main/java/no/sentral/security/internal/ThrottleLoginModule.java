package no.sentral.security.internal;

import java.io.IOException;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import no.sentral.api.security.LoginThrottle;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;

/**
 * The {@link LoginThrottle} inside a JAAS realm ({@link ThrottledKarafRealm}): first in the realm, it refuses a
 * throttled login before any module checks it (and forgives the account when the login succeeds); last, reached
 * only when every module before it failed, it counts the failure. It never decides a login itself (its login
 * returns false, "ignore me"), so it cannot let anyone in. The address is the one Karaf's SSH server puts in the
 * subject; the broker gives none, so there only accounts are throttled.
 */
public class ThrottleLoginModule implements LoginModule {

    static final String OPTION_THROTTLE = LoginThrottle.class.getName();
    static final String OPTION_STEP = "sentral.throttle.step";
    static final String CHECK = "check";
    static final String RECORD = "record";

    private Subject subject;
    private CallbackHandler handler;
    private LoginThrottle throttle;
    private boolean check;
    private String account;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.throttle = (LoginThrottle) options.get(OPTION_THROTTLE);
        this.check = CHECK.equals(options.get(OPTION_STEP));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        try {
            handler.handle(new Callback[] {name});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException(e.getMessage());
        }
        // The platform's own account has an unguessable password; locking it would lock the platform out of its broker.
        account = Installation.SYSTEM_USER.equals(name.getName()) ? null : name.getName();
        ClientPrincipal client = subject.getPrincipals(ClientPrincipal.class).stream().findFirst().orElse(null);
        String address = client == null ? null : host(client.getAddress());
        if (check) {
            long wait = throttle.retryAfter(account, address);
            if (wait > 0) {
                throw new AccountLockedException("too many failed logins: try again in " + wait + " s");
            }
        } else {
            throttle.failed(account, address, client == null ? "karaf" : client.getMethod());
        }
        return false;
    }

    /** The host of a socket address as Java prints it: {@code /10.0.0.1:5000}, {@code /[::1]:5000}. */
    static String host(String socketAddress) {
        if (socketAddress == null) {
            return null;
        }
        String s = socketAddress.substring(socketAddress.indexOf('/') + 1);
        if (s.startsWith("[")) {
            return s.substring(1, Math.max(1, s.indexOf(']')));
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
    }

    @Override
    public boolean commit() {
        if (check) {
            throttle.succeeded(account);
        }
        return false;
    }

    @Override
    public boolean abort() {
        return false;
    }

    @Override
    public boolean logout() {
        return false;
    }
}
