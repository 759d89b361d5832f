package org.forkline.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.storage.RecordingRepository;
import org.forkline.shell.internal.Arguments;
import org.forkline.shell.internal.RecordingTable;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:recordings}: search the recordings, newest first. */
@Service
@Command(scope = "forkline", name = "recordings", description = "Lists recordings, newest first, one page at a time.")
public class RecordingsCommand implements Action {

    @Option(name = "--from", description = "Only recordings that started at or after this ISO-8601 instant, "
            + "e.g. 2026-11-25T10:00:00Z or 2026-11-25T11:00:00+01:00.")
    String from;

    @Option(name = "--to", description = "Only recordings that started before this ISO-8601 instant.")
    String to;

    @Option(name = "--number", description = "Only recordings whose near or far number is exactly this.")
    String number;

    @Option(name = "--offset", description = "Rows to skip, for the next pages (default 0).")
    int offset;

    @Option(name = "--limit", description = "Rows to show, 1 to 1000.")
    int limit = 20;

    @Reference
    RecordingRepository repository;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> RecordingTable.print(
                repository.search(Arguments.recordingQuery(from, to, number, offset, limit)), System.out));
    }
}
