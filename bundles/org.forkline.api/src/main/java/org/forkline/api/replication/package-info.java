/** Replication of recordings, tombstones and recording users between nodes: status for operators. */
@Export
@Version("1.0.0")
package org.forkline.api.replication;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
