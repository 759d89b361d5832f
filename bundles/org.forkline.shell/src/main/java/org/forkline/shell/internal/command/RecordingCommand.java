package org.forkline.shell.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.storage.RecordingRepository;
import org.forkline.shell.internal.Arguments;
import org.forkline.shell.internal.RecordingReport;
import org.forkline.shell.internal.UserErrors;

/** {@code forkline:recording <id>}: every field of one recording, with its legs. */
@Service
@Command(scope = "forkline", name = "recording",
        description = "Shows one recording: parties, times, state, hash, size and each leg with its packet counters.")
public class RecordingCommand implements Action {

    @Argument(index = 0, name = "id", required = true,
            description = "Recording id (a UUID); Tab offers the 50 newest.")
    @Completion(RecordingIdCompleter.class)
    String id;

    @Reference
    RecordingRepository repository;

    @Override
    public Object execute() throws CommandException {
        return UserErrors.oneLine(() -> RecordingReport.print(repository.find(Arguments.recordingId(id))
                .orElseThrow(() -> new IllegalArgumentException("no recording with id " + id.trim())), System.out));
    }
}
