package no.sentral.security.internal;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import no.sentral.api.security.Realm;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * The login module of the {@code sentral} JAAS realm: company accounts by user name and password,
 * and systems by API token (user name {@link Realm#TOKEN_USER}, the token as password). The subject
 * gets Karaf's user and role principals plus a {@link SentralPrincipal} carrying the tenant.
 */
public class SentralLoginModule implements LoginModule {

    static final String OPTION_ACCOUNTS = AccountStore.class.getName();
    static final String OPTION_TOKENS = TokenStore.class.getName();

    private Subject subject;
    private CallbackHandler handler;
    private AccountStore accounts;
    private TokenStore tokens;
    private SentralPrincipal principal;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.accounts = (AccountStore) options.get(OPTION_ACCOUNTS);
        this.tokens = (TokenStore) options.get(OPTION_TOKENS);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException(e.getMessage());
        }
        if (name.getName() == null || password.getPassword() == null) {
            throw new FailedLoginException("no credentials");
        }
        String secret = new String(password.getPassword());
        password.clearPassword();
        Optional<SentralPrincipal> found = Realm.TOKEN_USER.equals(name.getName())
                ? tokens.authenticate(secret)
                : accounts.authenticate(name.getName(), secret);
        principal = found.orElseThrow(() -> new FailedLoginException("wrong user name, password or token"));
        return true;
    }

    @Override
    public boolean commit() {
        if (principal == null) {
            return false;
        }
        added.add(principal);
        added.add(new UserPrincipal(principal.getName()));
        for (Role role : principal.roles()) {
            added.add(new RolePrincipal(role.id()));
        }
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        principal = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(added);
        added.clear();
        principal = null;
        return true;
    }
}
