package org.forkline.ha.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.forkline.api.cluster.ClusterMember;
import org.forkline.api.cluster.ClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's picture of the cluster: the view, the members' cards, last-seen times, the jobs leader and the
 * problems. Not thread-safe: every call comes from the component's single cluster thread; {@link #state()}
 * may be read from any thread.
 */
final class ClusterNode {

    /** What the node asks its owner to do; called on the cluster thread. */
    interface Effects {
        void sendCard(MemberCard card);

        void leadershipChanged(boolean leading, Instant since);
    }

    /** How long a new member may stay without a card before the leader is decided without it. */
    static final Duration CARD_WAIT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final ClusterSettings settings;
    private final Clock clock;
    private final Effects effects;
    private final LeaderArbiter arbiter;
    private final List<String> fixedProblems = new ArrayList<>();
    private final Map<String, MemberCard> cardsByKey = new HashMap<>();
    private final Map<String, MemberCard> knownNodes = new TreeMap<>();
    private final Map<String, Instant> lastSeen = new HashMap<>();
    private MemberCard localCard;
    private String localKey;
    private List<String> view = List.of();
    private Instant viewSince;
    private LeaderArbiter.Decision decision;
    private boolean leading;
    /** False while the channel connects: alone, this node would wrongly take the lead. */
    private boolean settled;
    private boolean aloneWarned;
    private volatile ClusterState state;

    ClusterNode(ClusterSettings settings, Clock clock, Effects effects) {
        this.settings = settings;
        this.clock = clock;
        this.effects = effects;
        Instant now = clock.instant();
        this.arbiter = new LeaderArbiter(settings.grace(), now);
        this.localCard = new MemberCard(settings.nodeId(), settings.role(), settings.priority(),
                settings.endpoint().toString(), false);
        this.viewSince = now;
        this.decision = new LeaderArbiter.Decision(null, null, null, Set.of());
        settings.startProblem().ifPresent(fixedProblems::add);
        knownNodes.put(localCard.nodeId(), localCard);
        settled = !settings.clustered() || settings.startProblem().isPresent();
        localKey = "local";
        cardsByKey.put(localKey, localCard);
        view = List.of(localKey);
        // nothing decided yet: the first tick on the cluster thread decides (and may register the leadership)
        state = buildState(now, List.of(localCard));
    }

    /**
     * The channel connected and gave this node the member key {@code key} in the view {@code viewKeys}; until
     * then (and for good without a channel) this node is alone under the key "local".
     */
    void connected(String key, List<String> viewKeys) {
        if (localKey != null) {
            cardsByKey.remove(localKey);
        }
        localKey = key;
        cardsByKey.put(key, localCard);
        settled = true;
        viewChanged(viewKeys);
    }

    /** A problem that stays until the component restarts (e.g. the channel could not start). */
    void addProblem(String problem) {
        fixedProblems.add(problem);
        settled = true;
        update();
    }

    MemberCard localCard() {
        return localCard;
    }

    /** A new view: member keys in JGroups view order, this node's key included. */
    void viewChanged(List<String> keys) {
        Instant now = clock.instant();
        for (String key : view) {
            if (!keys.contains(key)) {
                MemberCard gone = cardsByKey.remove(key);
                if (gone != null && !gone.nodeId().equals(localCard.nodeId())) {
                    lastSeen.put(gone.nodeId(), now);
                    LOG.info("Cluster node {} left the view", gone.nodeId());
                }
            }
        }
        cardsByKey.keySet().removeIf(key -> !keys.contains(key) && !key.equals(localKey));
        view = List.copyOf(keys);
        viewSince = now;
        update();
    }

    void cardReceived(String key, MemberCard card) {
        MemberCard previous = cardsByKey.put(key, card);
        knownNodes.put(card.nodeId(), card);
        if (previous == null && view.contains(key) && !key.equals(localKey)) {
            LOG.info("Cluster node {} ({}, priority {}, {}) is up", card.nodeId(), card.role(), card.priority(),
                    card.endpoint());
        }
        update();
    }

    /** Re-decides: time alone can end a grace period. */
    void tick() {
        update();
    }

    ClusterState state() {
        return state;
    }

    private void update() {
        Instant now = clock.instant();
        List<MemberCard> live = new ArrayList<>();
        boolean complete = true;
        for (String key : view) {
            MemberCard card = key.equals(localKey) ? localCard : cardsByKey.get(key);
            if (card == null) {
                complete = false;
            } else {
                live.add(card);
                lastSeen.put(card.nodeId(), now);
            }
        }
        if (settled && (complete || !now.isBefore(viewSince.plus(CARD_WAIT)))) {
            decision = arbiter.decide(now, live);
        }
        if (decision.refused().contains(localCard.nodeId()) && !localCard.refused()) {
            refuseLocal(live);
        }
        boolean nowLeading = localCard.nodeId().equals(decision.leader()) && !localCard.refused();
        if (nowLeading != leading) {
            leading = nowLeading;
            LOG.info(leading ? "This node ({}) is now the jobs leader" : "This node ({}) is no longer the jobs leader",
                    localCard.nodeId());
            effects.leadershipChanged(leading, decision.leaderSince());
        }
        state = buildState(now, live);
    }

    private void refuseLocal(List<MemberCard> live) {
        String holder = live.stream().filter(MemberCard::eligiblePrimary).map(MemberCard::nodeId)
                .filter(id -> !id.equals(localCard.nodeId())).findFirst().orElse(decision.acceptedPrimary());
        LOG.error("Node {} is configured as primary but node {} already holds the primary role of this cluster: {} "
                + "is refused the primary role and will never lead jobs. Set role = backup in {} on {} "
                + "(FORKLINE_ROLE=backup) and restart it, or make {} a backup.", localCard.nodeId(), holder,
                localCard.nodeId(), ClusterSettings.FILE, localCard.nodeId(), holder);
        localCard = localCard.asRefused();
        cardsByKey.put(localKey, localCard);
        knownNodes.put(localCard.nodeId(), localCard);
        effects.sendCard(localCard);
    }

    private ClusterState buildState(Instant now, List<MemberCard> live) {
        List<String> problems = new ArrayList<>(fixedProblems);
        aloneProblem(now, live).ifPresent(problems::add);
        Map<String, MemberCard> liveById = new LinkedHashMap<>();
        for (MemberCard card : live) {
            if (liveById.putIfAbsent(card.nodeId(), card) != null) {
                problems.add("two live nodes use nodeId " + card.nodeId() + ": give every node its own nodeId");
            }
        }
        List<ClusterMember> members = new ArrayList<>();
        for (MemberCard card : knownNodes.values()) {
            boolean up = liveById.containsKey(card.nodeId());
            boolean refused = card.refused() || decision.refused().contains(card.nodeId());
            if (refused) {
                problems.add("node " + card.nodeId() + " is configured as primary while "
                        + Objects.requireNonNullElse(decision.acceptedPrimary(), "another node")
                        + " holds the role: it is refused and never leads; set role = backup on " + card.nodeId());
            }
            members.add(new ClusterMember(card.nodeId(), card.role(), card.priority(), endpoint(card), up,
                    up ? now : lastSeen.get(card.nodeId()), refused));
        }
        return new ClusterState(localCard.nodeId(), decision.leader(), decision.leaderSince(), members, problems);
    }

    /**
     * A clustered node that has seen no peer for a grace period says so: every peer is down or unreachable, or (what
     * its own log only shows as decryption errors) the peers use another secret.
     */
    private Optional<String> aloneProblem(Instant now, List<MemberCard> live) {
        boolean alone = settings.clustered() && settled && fixedProblems.isEmpty() && live.size() <= 1
                && !now.isBefore(viewSince.plus(settings.grace()));
        if (!alone) {
            aloneWarned = false;
            return Optional.empty();
        }
        String problem = "no configured peer has been in this node's cluster view for "
                + Duration.between(viewSince, now).toSeconds() + " s: the peers are down or unreachable, or use "
                + "another secret (check peers and secret in " + ClusterSettings.FILE + ", and the firewall)";
        if (!aloneWarned) {
            aloneWarned = true;
            LOG.warn("Node {}: {}", localCard.nodeId(), problem);
        }
        return Optional.of(problem);
    }

    private static URI endpoint(MemberCard card) {
        try {
            return card.endpoint().isEmpty() ? null : URI.create(card.endpoint());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
