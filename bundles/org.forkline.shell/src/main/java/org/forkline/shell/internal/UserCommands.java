package org.forkline.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.support.table.ShellTable;
import org.forkline.api.RecordingUser;
import org.forkline.api.storage.RecordingUserService;

/** What {@code forkline:users list|add|remove|enable|disable} does with the recording users. */
public final class UserCommands {

    public static final List<String> ACTIONS = List.of("list", "add", "remove", "enable", "disable");

    private final RecordingUserService users;
    private final PrintStream out;

    public UserCommands(RecordingUserService users, PrintStream out) {
        this.users = users;
        this.out = out;
    }

    /**
     * Runs one action.
     *
     * @param action   one of {@link #ACTIONS}, null for list
     * @param number   the directory number (not for list)
     * @param nameWords the display name for add, as separate words
     */
    public void run(String action, String number, List<String> nameWords) {
        String verb = action == null ? "list" : action.toLowerCase(Locale.ROOT);
        List<String> words = nameWords == null ? List.of() : nameWords;
        if (!verb.equals("add") && !words.isEmpty()) {
            throw new IllegalArgumentException(verb + " takes no display name; only add does");
        }
        switch (verb) {
            case "list" -> {
                if (number != null) {
                    throw new IllegalArgumentException("list takes no number");
                }
                list();
            }
            case "add" -> add(required(verb, number), String.join(" ", words).trim());
            case "remove" -> remove(required(verb, number));
            case "enable" -> setEnabled(required(verb, number), true);
            case "disable" -> setEnabled(required(verb, number), false);
            default -> throw new IllegalArgumentException(
                    "unknown action '" + action + "': use list, add, remove, enable or disable");
        }
    }

    private void list() {
        List<RecordingUser> all = users.list();
        if (all.isEmpty()) {
            out.println("no recording users: add one with forkline:users add <number> [display name]");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Number");
        table.column("Display name");
        table.column("Enabled");
        for (RecordingUser user : all) {
            table.addRow().addContent(user.number(), Formats.text(user.displayName()), Formats.yesNo(user.enabled()));
        }
        table.print(out);
        out.println(all.size() + (all.size() == 1 ? " recording user" : " recording users"));
    }

    private void add(String number, String displayName) {
        Optional<RecordingUser> existing = users.find(number);
        String name = displayName.isEmpty() ? existing.map(RecordingUser::displayName).orElse(null) : displayName;
        RecordingUser user = new RecordingUser(number, name, true);
        users.save(user);
        out.println((existing.isPresent() ? "updated " : "added ") + describe(user)
                + ": its calls are recorded");
    }

    private void remove(String number) {
        if (!users.remove(number)) {
            throw new IllegalArgumentException("no recording user " + number);
        }
        out.println("removed " + number + ": its calls are no longer recorded");
    }

    private void setEnabled(String number, boolean enabled) {
        RecordingUser existing = users.find(number).orElseThrow(() -> new IllegalArgumentException(
                "no recording user " + number + ": add it with forkline:users add " + number + " [display name]"));
        RecordingUser user = new RecordingUser(existing.number(), existing.displayName(), enabled);
        users.save(user);
        out.println(describe(user) + (enabled ? " enabled: its calls are recorded"
                : " disabled: its calls are no longer recorded (the entry is kept)"));
    }

    private static String required(String verb, String number) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException(verb + " needs a number, e.g. forkline:users " + verb + " 1001");
        }
        return Arguments.number(number);
    }

    private static String describe(RecordingUser user) {
        return user.number() + (user.displayName() == null ? "" : " (" + user.displayName() + ")");
    }
}
