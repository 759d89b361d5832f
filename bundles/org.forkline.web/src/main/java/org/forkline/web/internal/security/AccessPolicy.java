package org.forkline.web.internal.security;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's security settings (PID {@code org.forkline.web}): which JAAS realm checks logins and which
 * roles may read or change; shared by the authentication filter and the resources.
 */
@Component(service = AccessPolicy.class, configurationPid = AccessPolicy.PID)
@Designate(ocd = AccessPolicy.Config.class)
public final class AccessPolicy {

    public static final String PID = "org.forkline.web";

    private static final Logger LOG = LoggerFactory.getLogger(AccessPolicy.class);
    private static final BasicCredentials KARAF_DEFAULT_LOGIN = new BasicCredentials("karaf", "karaf");

    @ObjectClassDefinition(name = "Forkline REST API",
            description = "HTTP Basic login against a Karaf JAAS realm and the roles that may use /api/v1.")
    public @interface Config {

        @AttributeDefinition(name = "JAAS realm", description = "JAAS realm used for HTTP Basic logins.")
        String realm() default "karaf";

        @AttributeDefinition(name = "Viewer roles",
                description = "Comma-separated roles that may read recordings and status (any one of them).")
        String viewerRoles() default "viewer, admin";

        @AttributeDefinition(name = "Admin roles",
                description = "Comma-separated roles that may change things: recording users, drain.")
        String adminRoles() default "admin";
    }

    private record Settings(String realm, AccessRules rules) {
    }

    private final JaasAuthenticator authenticator;
    private volatile Settings settings;

    @Activate
    public AccessPolicy(Config config) {
        this(new JaasAuthenticator(), config.realm(), AccessRules.parse(config.viewerRoles(), config.adminRoles()));
    }

    public AccessPolicy(JaasAuthenticator authenticator, String realm, AccessRules rules) {
        this.authenticator = authenticator;
        apply(realm, rules);
    }

    @Modified
    void modified(Config config) {
        apply(config.realm(), AccessRules.parse(config.viewerRoles(), config.adminRoles()));
    }

    public AccessRules rules() {
        return settings.rules();
    }

    public String realm() {
        return settings.realm();
    }

    /** Logs in against the configured realm. */
    public Optional<AuthenticatedUser> authenticate(BasicCredentials credentials) {
        return authenticator.login(settings.realm(), credentials);
    }

    /** True when the realm accepts Karaf's well-known default login, which nobody should expose. */
    public boolean acceptsDefaultLogin() {
        return authenticate(KARAF_DEFAULT_LOGIN).isPresent();
    }

    private void apply(String realm, AccessRules rules) {
        String effectiveRealm = realm == null || realm.isBlank() ? "karaf" : realm.trim();
        Settings previous = settings;
        settings = new Settings(effectiveRealm, rules);
        if (rules.adminRoles().isEmpty()) {
            LOG.warn("org.forkline.web: adminRoles is empty, so nobody can change recording users or drain "
                    + "this node over REST; set adminRoles in etc/org.forkline.web.cfg");
        }
        if (previous != null && previous.realm().equals(effectiveRealm)) {
            return;
        }
        if (!authenticator.realmExists(effectiveRealm)) {
            LOG.warn("org.forkline.web: JAAS realm '{}' is not (yet) registered: every REST login fails until it is; "
                    + "check the realm in etc/org.forkline.web.cfg (Karaf's is 'karaf')", effectiveRealm);
        } else if (acceptsDefaultLogin()) {
            LOG.warn("the default Karaf login karaf/karaf is enabled: change it in etc/users.properties "
                    + "before exposing this node");
        }
    }
}
