package org.forkline.web.internal.security;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.forkline.web.internal.error.ErrorResponses;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every resource of the REST application: HTTP Basic login against the configured JAAS realm, then the
 * access rules (viewer roles read, admin roles change, {@code @PermitAll} is open).
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName(BasicAuthFilter.NAME)
@Priority(Priorities.AUTHENTICATION)
public final class BasicAuthFilter implements ContainerRequestFilter {

    /** Whiteboard name; resources select it so that none is served unguarded. */
    public static final String NAME = "forkline-basic-auth";

    public static final String CHALLENGE = "Basic realm=\"forkline\"";

    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthFilter.class);

    private final AccessPolicy policy;
    private final FailedLoginLog failedLogins;

    @Context
    private ResourceInfo resourceInfo;

    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public BasicAuthFilter(@Reference AccessPolicy policy) {
        this.policy = policy;
        this.failedLogins = new FailedLoginLog(Clock.systemUTC(), Duration.ofMinutes(1), 10_000);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Set<String> roles = null;
        if (authorization != null) {
            Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
            Optional<AuthenticatedUser> user = credentials.flatMap(policy::authenticate);
            if (user.isEmpty()) {
                String reason = credentials.isEmpty() ? "the Authorization header is not valid HTTP Basic"
                        : "wrong user name or password (realm " + policy.realm() + ")";
                failedLogins.failed(remoteAddress(), credentials.map(BasicCredentials::user).orElse(null), reason)
                        .ifPresent(LOG::warn);
                request.abortWith(unauthorized(credentials.isEmpty()
                        ? "the Authorization header is not valid HTTP Basic: send Basic base64(user:password)"
                        : "wrong user name or password"));
                return;
            }
            roles = user.get().roles();
            boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
            request.setSecurityContext(new UserSecurityContext(user.get(), secure));
        }
        AccessRules rules = policy.rules();
        switch (rules.decide(isPermitAll(), request.getMethod(), roles)) {
            case UNAUTHENTICATED -> request.abortWith(
                    unauthorized("this resource needs a login: send HTTP Basic credentials of the Karaf realm"));
            case FORBIDDEN -> request.abortWith(ErrorResponses.of(Response.Status.FORBIDDEN,
                    request.getMethod() + " " + request.getUriInfo().getRequestUri().getPath()
                            + " needs one of the roles: " + rules.requiredRolesFor(request.getMethod())));
            case ALLOW -> {
            }
        }
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ErrorResponses.of(Response.Status.UNAUTHORIZED, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .build();
    }

    private boolean isPermitAll() {
        ResourceInfo info = resourceInfo;
        if (info == null || info.getResourceMethod() == null) {
            return false;
        }
        Method method = info.getResourceMethod();
        return method.isAnnotationPresent(PermitAll.class)
                || (info.getResourceClass() != null && info.getResourceClass().isAnnotationPresent(PermitAll.class));
    }

    private String remoteAddress() {
        try {
            HttpServletRequest servlet = servletRequest;
            String address = servlet == null ? null : servlet.getRemoteAddr();
            return address == null ? "an unknown address" : address;
        } catch (RuntimeException noServletRequest) {
            // Outside a servlet container the injected proxy has nothing behind it.
            return "an unknown address";
        }
    }
}
