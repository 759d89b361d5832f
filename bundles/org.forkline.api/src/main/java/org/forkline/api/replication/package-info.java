/** Replication of recordings, tombstones and recording users between nodes: change log, store, status. */
@Export
@Version("1.1.0")
package org.forkline.api.replication;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
