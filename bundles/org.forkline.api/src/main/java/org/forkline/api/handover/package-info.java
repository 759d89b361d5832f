/**
 * Live handover of calls in progress across the update or restart of a bundle: the stopping activation parks
 * what it holds, the next activation claims it.
 */
@Export
@Version("1.0.0")
package org.forkline.api.handover;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
