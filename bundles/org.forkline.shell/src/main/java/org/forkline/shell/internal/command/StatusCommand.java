package org.forkline.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.node.NodeStatusService;
import org.forkline.shell.internal.StatusReport;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:status}: whether this node can record, and its counters. */
@Service
@Command(scope = "forkline", name = "status",
        description = "Shows whether this node can record (or why not), drain, calls, storage and media counters.")
public class StatusCommand implements Action {

    @Reference
    NodeStatusService nodeStatus;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> StatusReport.print(nodeStatus.status(), System.out));
    }
}
