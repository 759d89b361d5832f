package org.forkline.itests.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Network damage applied to an {@link RtpStream} when it is written: packet indexes dropped, sent twice, or swapped
 * with their successor. The three sets never overlap, and the first and last two packets are never touched, so a
 * receiver's counters can be checked exactly.
 */
public record Impairments(Set<Integer> dropped, Set<Integer> duplicated, Set<Integer> swappedWithNext) {

    public Impairments {
        dropped = Collections.unmodifiableSet(new TreeSet<>(dropped));
        duplicated = Collections.unmodifiableSet(new TreeSet<>(duplicated));
        swappedWithNext = Collections.unmodifiableSet(new TreeSet<>(swappedWithNext));
    }

    public static Impairments none() {
        return new Impairments(Set.of(), Set.of(), Set.of());
    }

    /** Deterministic damage of {@code packets} packets: the given percentages of loss, duplicates and swaps. */
    public static Impairments random(long seed, int packets, double lossPercent, double duplicatePercent,
            double swapPercent) {
        int drops = (int) Math.round(packets * lossPercent / 100);
        int duplicates = (int) Math.round(packets * duplicatePercent / 100);
        int swaps = (int) Math.round(packets * swapPercent / 100);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 2; i < packets - 3; i++) {
            candidates.add(i);
        }
        Collections.shuffle(candidates, new Random(seed));
        Set<Integer> used = new TreeSet<>();
        Set<Integer> swapped = pick(candidates, used, swaps, true);
        Set<Integer> dropped = pick(candidates, used, drops, false);
        Set<Integer> duplicated = pick(candidates, used, duplicates, false);
        if (swapped.size() < swaps || dropped.size() < drops || duplicated.size() < duplicates) {
            throw new IllegalArgumentException("stream of " + packets + " packets too short for these impairments");
        }
        return new Impairments(dropped, duplicated, swapped);
    }

    public int droppedCount() {
        return dropped.size();
    }

    public int duplicatedCount() {
        return duplicated.size();
    }

    public int swappedCount() {
        return swappedWithNext.size();
    }

    private static Set<Integer> pick(List<Integer> candidates, Set<Integer> used, int count, boolean pair) {
        Set<Integer> picked = new TreeSet<>();
        for (int index : candidates) {
            if (picked.size() == count) {
                break;
            }
            // A swapped pair and its neighbours stay clear of any other damage, so each effect is counted alone.
            boolean clear = !used.contains(index - 1) && !used.contains(index) && !used.contains(index + 1)
                    && (!pair || !used.contains(index + 2));
            if (clear) {
                picked.add(index);
                used.add(index);
                if (pair) {
                    used.add(index + 1);
                }
            }
        }
        return picked;
    }
}
