package org.forkline.web.internal.testing;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * A JAAS login module with fixed users, standing in for Karaf's properties realm: it adds Karaf's
 * {@link UserPrincipal} and {@link RolePrincipal}s exactly as Karaf's modules do.
 */
public final class TestLoginModule implements LoginModule {

    /** user name to password and roles. */
    public static final Map<String, List<String>> USERS = Map.of(
            "karaf", List.of("karaf", "admin", "viewer"),
            "alice", List.of("alice-secret", "admin"),
            "victor", List.of("victor-secret", "viewer"),
            "nobody", List.of("nobody-secret"));

    private static final String WITHOUT = "without";

    private Subject subject;
    private Object without;
    private CallbackHandler handler;
    private final List<Principal> principals = new ArrayList<>();

    /** A JAAS configuration with one realm served by this module. */
    public static Configuration configuration(String realm) {
        return configuration(realm, Map.of());
    }

    /** The same realm without the default karaf/karaf login. */
    public static Configuration configurationWithoutKaraf(String realm) {
        return configuration(realm, Map.of(WITHOUT, "karaf"));
    }

    private static Configuration configuration(String realm, Map<String, String> options) {
        return new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                if (!realm.equals(name)) {
                    return null;
                }
                return new AppConfigurationEntry[] {new AppConfigurationEntry(TestLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            }
        };
    }

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.without = options.get(WITHOUT);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException(e.toString());
        }
        List<String> entry = name.getName().equals(without) ? null : USERS.get(name.getName());
        if (entry == null || !entry.get(0).equals(new String(password.getPassword()))) {
            throw new FailedLoginException("wrong password");
        }
        principals.add(new UserPrincipal(name.getName()));
        entry.subList(1, entry.size()).forEach(role -> principals.add(new RolePrincipal(role)));
        return true;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        return true;
    }
}
