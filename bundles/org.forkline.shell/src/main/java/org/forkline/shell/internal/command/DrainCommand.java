package org.forkline.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.node.NodeStatusService;
import org.forkline.shell.internal.StatusReport;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:drain [--off]}: maintenance drain on (or off), then what that means for calls. */
@Service
@Command(scope = "forkline", name = "drain",
        description = "Drains this node for maintenance: new INVITEs and OPTIONS are answered 503 so that CUCM "
                + "uses another recorder; calls in progress continue. Survives a restart.")
public class DrainCommand implements Action {

    @Option(name = "--off", description = "Ends the drain: the node accepts new calls again.")
    boolean off;

    @Reference
    NodeStatusService nodeStatus;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> {
            nodeStatus.setDrained(!off);
            System.out.println(StatusReport.drainLine(nodeStatus.status()));
        });
    }
}
