package org.forkline.ha.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.forkline.api.cluster.NodeRole;

/**
 * Decides the jobs leader from the live members: the accepted primary while it is live; once no leader has
 * been live for the grace period, the live backup with the lowest priority (ties by node id). Pure: time
 * comes in as an argument, and every node that sees the same members decides the same.
 */
final class LeaderArbiter {

    /**
     * One decision.
     *
     * @param leader          node id of the jobs leader, null while there is none
     * @param leaderSince     when {@code leader} started leading (as seen here), null without a leader
     * @param acceptedPrimary the configured primary that holds the role, null when none is live
     * @param refused         live nodes configured as primary that are refused the role
     */
    record Decision(String leader, Instant leaderSince, String acceptedPrimary, Set<String> refused) {

        Decision {
            refused = Set.copyOf(refused);
        }
    }

    private static final Comparator<MemberCard> BEST_BACKUP = Comparator.comparingInt(MemberCard::priority)
            .thenComparing(MemberCard::nodeId);

    private final Duration grace;
    private Instant leaderLastLive;
    private String leader;
    /** The last node that led, kept while nobody leads: when it returns within the grace period it resumes. */
    private String lastLeader;
    private Instant leaderSince;

    /** @param startedAt counts as "a leader was last seen": a node started alone waits the grace period */
    LeaderArbiter(Duration grace, Instant startedAt) {
        this.grace = grace;
        this.leaderLastLive = startedAt;
    }

    /**
     * @param live cards of the live members in view order (JGroups keeps join order, the same on every
     *             member): the first eligible primary keeps the role, later ones are refused
     */
    Decision decide(Instant now, List<MemberCard> live) {
        Set<String> refused = new LinkedHashSet<>();
        MemberCard primary = null;
        for (MemberCard card : live) {
            if (card.role() != NodeRole.PRIMARY) {
                continue;
            }
            if (primary == null && !card.refused()) {
                primary = card;
            } else {
                refused.add(card.nodeId());
            }
        }
        String next;
        if (primary != null) {
            next = primary.nodeId();
        } else {
            Optional<String> best = live.stream().filter(c -> c.role() == NodeRole.BACKUP).min(BEST_BACKUP)
                    .map(MemberCard::nodeId);
            boolean leaderLive = lastLeader != null && live.stream().anyMatch(c -> c.nodeId().equals(lastLeader));
            boolean graceOver = !now.isBefore(leaderLastLive.plus(grace));
            next = leaderLive || graceOver ? best.orElse(null) : null;
        }
        if (next != null) {
            leaderLastLive = now;
            lastLeader = next;
        }
        if (next == null || !next.equals(leader)) {
            leaderSince = next == null ? null : now;
        }
        leader = next;
        return new Decision(leader, leaderSince, primary == null ? null : primary.nodeId(), refused);
    }
}
