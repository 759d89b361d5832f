/** The node as a whole: identity, whether it can record, maintenance drain. */
@Export
@Version("1.0.0")
package org.forkline.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
