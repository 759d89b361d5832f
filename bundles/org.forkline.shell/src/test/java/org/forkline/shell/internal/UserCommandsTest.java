package org.forkline.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.forkline.api.RecordingUser;
import org.forkline.testing.InMemoryRecordingUsers;
import org.junit.jupiter.api.Test;

class UserCommandsTest {

    private final InMemoryRecordingUsers users = new InMemoryRecordingUsers();
    private final Output out = new Output();
    private final UserCommands commands = new UserCommands(users, out.stream());

    @Test
    void listIsTheDefaultAndShowsATable() {
        users.save(new RecordingUser("1001", "Front desk", true));
        users.save(new RecordingUser("1002", null, false));

        commands.run(null, null, null);

        assertThat(out.text()).contains("Number", "Display name", "Enabled", "1001", "Front desk", "1002")
                .endsWith("2 recording users\n");
        assertThat(out.text().lines().filter(line -> line.contains("1002")).findFirst().orElseThrow())
                .contains("-", "no");
    }

    @Test
    void anEmptyListSaysHowToAdd() {
        commands.run("list", null, List.of());

        assertThat(out.text()).isEqualTo("no recording users: add one with forkline:users add <number> "
                + "[display name]\n");
    }

    @Test
    void addJoinsTheNameWordsAndEnables() {
        commands.run("add", "1001", List.of("Front", "desk"));

        assertThat(users.find("1001")).contains(new RecordingUser("1001", "Front desk", true));
        assertThat(out.text()).isEqualTo("added 1001 (Front desk): its calls are recorded\n");
    }

    @Test
    void addOnAnExistingUserUpdatesAndKeepsTheNameWhenNoneIsGiven() {
        users.save(new RecordingUser("1001", "Front desk", false));

        commands.run("ADD", "1001", null);

        assertThat(users.find("1001")).contains(new RecordingUser("1001", "Front desk", true));
        assertThat(out.text()).startsWith("updated 1001 (Front desk)");
    }

    @Test
    void enableAndDisableKeepTheEntry() {
        users.save(new RecordingUser("1001", "Front desk", true));

        commands.run("disable", "1001", null);
        assertThat(users.find("1001")).contains(new RecordingUser("1001", "Front desk", false));
        commands.run("enable", "1001", null);
        assertThat(users.find("1001")).contains(new RecordingUser("1001", "Front desk", true));
        assertThat(out.text()).contains("1001 (Front desk) disabled", "1001 (Front desk) enabled");
    }

    @Test
    void removeDeletes() {
        users.save(new RecordingUser("1001", null, true));

        commands.run("remove", "1001", null);

        assertThat(users.list()).isEmpty();
        assertThat(out.text()).isEqualTo("removed 1001: its calls are no longer recorded\n");
    }

    @Test
    void badInputIsAOneLineError() {
        assertThatThrownBy(() -> commands.run("delete", "1001", null))
                .hasMessage("unknown action 'delete': use list, add, remove, enable or disable");
        assertThatThrownBy(() -> commands.run("add", null, null))
                .hasMessage("add needs a number, e.g. forkline:users add 1001");
        assertThatThrownBy(() -> commands.run("add", "10 01", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid number '10 01'");
        assertThatThrownBy(() -> commands.run("remove", "1001", null)).hasMessage("no recording user 1001");
        assertThatThrownBy(() -> commands.run("enable", "1001", null))
                .hasMessage("no recording user 1001: add it with forkline:users add 1001 [display name]");
        assertThatThrownBy(() -> commands.run("remove", "1001", List.of("x")))
                .hasMessage("remove takes no display name; only add does");
        assertThatThrownBy(() -> commands.run("list", "1001", null)).hasMessage("list takes no number");
        assertThatThrownBy(() -> commands.run("add", "1001", List.of("x".repeat(129))))
                .hasMessage("display name longer than 128 characters");
        assertThat(users.list()).isEmpty();
    }
}
