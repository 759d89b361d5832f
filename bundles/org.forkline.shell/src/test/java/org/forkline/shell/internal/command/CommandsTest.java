package org.forkline.shell.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.CommandException;
import org.forkline.api.RecordingQuery;
import org.forkline.shell.internal.Output;
import org.forkline.testing.FixedNodeStatus;
import org.forkline.testing.InMemoryRecordings;
import org.forkline.shell.internal.testing.Recordings;
import org.junit.jupiter.api.Test;

/** The actions as Karaf runs them: fields injected, execute() writing to the session's System.out. */
class CommandsTest {

    private final FixedNodeStatus node = new FixedNodeStatus();
    private final InMemoryRecordings recordings = new InMemoryRecordings();

    @Test
    void statusPrintsTheReport() throws Exception {
        StatusCommand status = new StatusCommand();
        status.nodeStatus = node;

        assertThat(captured(status::execute)).startsWith("Node         node1\n").contains("Can record   yes");
    }

    @Test
    void drainSwitchesOnAndOffAndSaysSo() throws Exception {
        DrainCommand drain = new DrainCommand();
        drain.nodeStatus = node;

        assertThat(captured(drain::execute)).startsWith("node1 drained: INVITE and OPTIONS are answered 503");
        assertThat(node.status().drained()).isTrue();

        drain.off = true;
        assertThat(captured(drain::execute)).isEqualTo("node1 resumed: new calls are accepted\n");
        assertThat(node.status().drained()).isFalse();
    }

    @Test
    void recordingsSearchesWithTheOptionsAndDefaultLimit() throws Exception {
        recordings.add(Recordings.sealed(UUID.randomUUID(), Instant.parse("2026-11-25T10:00:00Z"), "1001"));
        RecordingsCommand command = new RecordingsCommand();
        command.repository = recordings;
        command.number = "1001";

        assertThat(captured(command::execute)).contains("1001 (Alice)").endsWith("showing 1\u20131 of 1\n");
        assertThat(recordings.lastQuery.get()).isEqualTo(new RecordingQuery(null, null, "1001", 0, 20));
    }

    @Test
    void recordingShowsOneOrSaysItIsUnknown() throws Exception {
        UUID id = UUID.randomUUID();
        recordings.add(Recordings.sealed(id, Instant.parse("2026-11-25T10:00:00Z"), "1001"));
        RecordingCommand command = new RecordingCommand();
        command.repository = recordings;
        command.id = id.toString();

        assertThat(captured(command::execute)).startsWith("Id           " + id);

        UUID unknown = UUID.randomUUID();
        command.id = unknown.toString();
        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("no recording with id " + unknown);
        command.id = "nope";
        assertThatThrownBy(command::execute).hasMessageStartingWith("'nope' is not a recording id");
    }

    @Test
    void theCompleterOffersTheNewestFiftyIds() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            recordings.add(Recordings.sealed(id, Instant.parse("2026-11-25T10:00:00Z").plusSeconds(i), "1001"));
        }
        RecordingIdCompleter completer = new RecordingIdCompleter();
        completer.repository = recordings;

        List<String> offered = completer.newestIds();
        assertThat(offered).hasSize(50).startsWith(ids.get(59).toString()).doesNotContain(ids.get(9).toString());

        String prefix = ids.get(59).toString().substring(0, 8);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, typed(prefix), candidates);
        assertThat(candidates).anySatisfy(candidate -> assertThat(candidate).startsWith(ids.get(59).toString()));
        assertThat(candidates).allSatisfy(candidate -> assertThat(candidate).startsWith(prefix));
    }

    @Test
    void badOptionsAreUserErrorsNotFailures() {
        RecordingsCommand command = new RecordingsCommand();
        command.repository = recordings;
        command.limit = 5000;

        assertThatThrownBy(command::execute).isInstanceOf(CommandException.class)
                .hasMessage("--limit must be between 1 and 1000, was 5000");
        assertThat(recordings.lastQuery.get()).isNull();
    }

    @Test
    void usersRunsTheAction() throws Exception {
        UsersCommand command = new UsersCommand();
        command.users = new org.forkline.testing.InMemoryRecordingUsers();
        command.action = "add";
        command.number = "1001";
        command.displayName = List.of("Front", "desk");

        assertThat(captured(command::execute)).isEqualTo("added 1001 (Front desk): its calls are recorded\n");
        assertThat(command.users.find("1001")).isPresent();
    }

    /** What an action printed; Karaf gives each session its own System.out, here we swap it for the call. */
    private static String captured(Callable<Object> action) throws Exception {
        Output out = new Output();
        PrintStream original = System.out;
        System.setOut(out.stream());
        try {
            action.call();
        } finally {
            System.setOut(original);
        }
        return out.text();
    }

    private static CommandLine typed(String argument) {
        return new CommandLine() {
            @Override
            public int getCursorArgumentIndex() {
                return 1;
            }

            @Override
            public String getCursorArgument() {
                return argument;
            }

            @Override
            public int getArgumentPosition() {
                return argument.length();
            }

            @Override
            public String[] getArguments() {
                return new String[] {"forkline:recording", argument};
            }

            @Override
            public int getBufferPosition() {
                return getBuffer().length();
            }

            @Override
            public String getBuffer() {
                return "forkline:recording " + argument;
            }
        };
    }
}
