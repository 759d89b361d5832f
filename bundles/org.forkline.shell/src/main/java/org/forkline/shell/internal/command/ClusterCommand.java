package org.forkline.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.cluster.ClusterService;
import org.forkline.api.replication.ReplicationStatusService;
import org.forkline.shell.internal.ClusterReport;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:cluster}: the nodes, their roles, the jobs leader and replication per peer. */
@Service
@Command(scope = "forkline", name = "cluster",
        description = "Shows the cluster nodes (configured role, priority, up or down, last seen), the jobs leader, "
                + "problems, and the replication backlog and lag per peer.")
public class ClusterCommand implements Action {

    @Reference
    ClusterService cluster;

    @Reference(optional = true)
    ReplicationStatusService replication;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> ClusterReport.print(cluster.state(),
                replication == null ? null : replication.status(), System.out));
    }
}
