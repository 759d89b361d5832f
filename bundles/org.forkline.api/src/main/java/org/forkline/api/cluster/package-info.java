/** The cluster: members, configured roles, the jobs leader, node-to-node messages. */
@Export
@Version("1.0.0")
package org.forkline.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
