package org.forkline.web.internal.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/** Logs a user name and password in against a JAAS realm (in Karaf: the realms of the JAAS module). */
public final class JaasAuthenticator {

    private final Configuration configuration;

    /** Uses the JVM-wide JAAS configuration, which Karaf fills with its realms. */
    public JaasAuthenticator() {
        this(null);
    }

    /** Uses the given configuration (tests), or the JVM-wide one when null. */
    public JaasAuthenticator(Configuration configuration) {
        this.configuration = configuration;
    }

    /** True when the realm has login modules, i.e. a login can succeed at all. */
    public boolean realmExists(String realm) {
        try {
            Configuration effective = configuration != null ? configuration : Configuration.getConfiguration();
            return effective.getAppConfigurationEntry(realm) != null;
        } catch (SecurityException noConfiguration) {
            return false;
        }
    }

    /**
     * Logs in.
     *
     * @return the user with their roles, or empty when the realm refused the credentials (or does not exist)
     */
    public Optional<AuthenticatedUser> login(String realm, BasicCredentials credentials) {
        Subject subject = new Subject();
        try {
            LoginContext context = new LoginContext(realm, subject,
                    callbacks -> answer(callbacks, credentials), configuration);
            context.login();
        } catch (LoginException refused) {
            return Optional.empty();
        }
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream()
                .map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet());
        String name = subject.getPrincipals(UserPrincipal.class).stream()
                .map(UserPrincipal::getName)
                .findFirst()
                .orElse(credentials.user());
        return Optional.of(new AuthenticatedUser(name, roles));
    }

    private static void answer(Callback[] callbacks, BasicCredentials credentials)
            throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback nameCallback) {
                nameCallback.setName(credentials.user());
            } else if (callback instanceof PasswordCallback passwordCallback) {
                passwordCallback.setPassword(credentials.password().toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }
}
