/** Storage services: leg journals, sealed recordings, search, audio, recording users, storage health. */
@Export
@Version("1.2.0")
package org.forkline.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
