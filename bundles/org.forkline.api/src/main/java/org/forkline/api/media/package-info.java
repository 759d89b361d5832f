/** Media capture: UDP ports, RTP sessions and what was negotiated for them. */
@Export
@Version("1.1.0")
package org.forkline.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
