/** Domain model of Forkline: recordings, legs, parties, recording users. Immutable values only. */
@Export
@Version("1.0.0")
package org.forkline.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
