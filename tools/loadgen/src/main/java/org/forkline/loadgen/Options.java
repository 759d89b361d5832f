package org.forkline.loadgen;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the benchmark tools: {@code --name value} pairs. */
final class Options {

    private Options() {
    }

    /**
     * @param from index of the first {@code --name}; earlier arguments (a mode) are skipped
     * @throws IllegalArgumentException when a name does not start with {@code --}
     */
    static Map<String, String> parse(String[] args, int from) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
