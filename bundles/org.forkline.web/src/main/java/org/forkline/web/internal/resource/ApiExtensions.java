package org.forkline.web.internal.resource;

import org.forkline.web.internal.security.BasicAuthFilter;

/**
 * The whiteboard extensions every resource waits for: a JSON provider and the authentication filter, so that
 * no resource is ever served unguarded. (One {@code @JaxrsExtensionSelect} with both filters, because a separate
 * {@code @JSONRequired} would set the same service property and one would replace the other.)
 */
public final class ApiExtensions {

    public static final String JSON = "(osgi.jaxrs.media.type=application/json)";
    public static final String AUTHENTICATION = "(osgi.jaxrs.name=" + BasicAuthFilter.NAME + ")";

    private ApiExtensions() {
    }
}
