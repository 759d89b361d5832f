package org.forkline.shell.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.shell.internal.UserCommands;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:users}: list and change the recorded lines. */
@Service
@Command(scope = "forkline", name = "users",
        description = "Lists the recording users (recorded lines), or adds, removes, enables or disables one.")
public class UsersCommand implements Action {

    @Argument(index = 0, name = "action",
            description = "list (default), add (creates or updates, enabled), remove, enable or disable.")
    @Completion(value = StringsCompleter.class, values = {"list", "add", "remove", "enable", "disable"})
    String action;

    @Argument(index = 1, name = "number", description = "Directory number as CUCM sends it, e.g. 1001 or +41441234567.")
    String number;

    @Argument(index = 2, name = "display-name", multiValued = true,
            description = "Display name for add, free text (the rest of the line).")
    List<String> displayName;

    @Reference
    RecordingUserService users;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> new UserCommands(users, System.out).run(action, number, displayName));
    }
}
