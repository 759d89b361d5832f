package org.forkline.shell.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.forkline.api.RecordingQuery;
import org.forkline.api.storage.RecordingRepository;

/** Offers the ids of the 50 newest recordings. */
@Service
public class RecordingIdCompleter implements Completer {

    static final int NEWEST = 50;

    @Reference
    RecordingRepository repository;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(newestIds()).complete(session, commandLine, candidates);
    }

    List<String> newestIds() {
        return repository.search(new RecordingQuery(null, null, null, 0, NEWEST)).items().stream()
                .map(recording -> recording.id().toString())
                .toList();
    }
}
