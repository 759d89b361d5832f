package org.forkline.ha.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.forkline.api.cluster.NodeRole;
import org.junit.jupiter.api.Test;

class LeaderArbiterTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static final MemberCard PRIMARY = card("node1", NodeRole.PRIMARY, 100);
    private static final MemberCard BACKUP_A = card("node2", NodeRole.BACKUP, 50);
    private static final MemberCard BACKUP_B = card("node3", NodeRole.BACKUP, 10);
    private static final MemberCard BACKUP_B_TIE = card("node0", NodeRole.BACKUP, 10);

    private final LeaderArbiter arbiter = new LeaderArbiter(GRACE, T0);

    @Test
    void thePrimaryLeadsWhileItIsLive() {
        assertThat(arbiter.decide(T0, List.of(PRIMARY, BACKUP_A, BACKUP_B)).leader()).isEqualTo("node1");
        assertThat(arbiter.decide(T0.plusSeconds(1), List.of(BACKUP_A, PRIMARY)).leaderSince()).isEqualTo(T0);
    }

    @Test
    void theBestBackupLeadsOnlyAfterThePrimaryWasGoneForTheGracePeriod() {
        arbiter.decide(T0, List.of(PRIMARY, BACKUP_A, BACKUP_B));
        List<MemberCard> backups = List.of(BACKUP_A, BACKUP_B);

        assertThat(arbiter.decide(T0.plusSeconds(1), backups).leader()).isNull();
        assertThat(arbiter.decide(T0.plusSeconds(10).minusMillis(1), backups).leader()).isNull();
        LeaderArbiter.Decision after = arbiter.decide(T0.plusSeconds(10), backups);

        assertThat(after.leader()).isEqualTo("node3");
        assertThat(after.leaderSince()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void leadershipGoesBackToThePrimaryWhenItReturns() {
        arbiter.decide(T0, List.of(PRIMARY, BACKUP_A));
        arbiter.decide(T0.plusSeconds(30), List.of(BACKUP_A));

        LeaderArbiter.Decision back = arbiter.decide(T0.plusSeconds(31), List.of(BACKUP_A, PRIMARY));

        assertThat(back.leader()).isEqualTo("node1");
        assertThat(back.leaderSince()).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void aPrimaryBackWithinTheGracePeriodKeepsLeadingWithoutAHandover() {
        arbiter.decide(T0, List.of(PRIMARY, BACKUP_A));
        assertThat(arbiter.decide(T0.plusSeconds(5), List.of(BACKUP_A)).leader()).isNull();

        assertThat(arbiter.decide(T0.plusSeconds(9), List.of(BACKUP_A, PRIMARY)).leader()).isEqualTo("node1");
        assertThat(arbiter.decide(T0.plusSeconds(30), List.of(BACKUP_A, PRIMARY)).leader()).isEqualTo("node1");
    }

    @Test
    void priorityTiesGoToTheLowerNodeId() {
        assertThat(arbiter.decide(T0.plusSeconds(10), List.of(BACKUP_B, BACKUP_B_TIE, BACKUP_A)).leader())
                .isEqualTo("node0");
    }

    @Test
    void aBackupStartedAloneWaitsTheGracePeriodFromItsStart() {
        assertThat(arbiter.decide(T0, List.of(BACKUP_A)).leader()).isNull();
        assertThat(arbiter.decide(T0.plusSeconds(9), List.of(BACKUP_A)).leader()).isNull();
        assertThat(arbiter.decide(T0.plusSeconds(10), List.of(BACKUP_A)).leader()).isEqualTo("node2");
    }

    @Test
    void aLeadingBackupThatLeavesBrieflyIsNotReplacedWithinTheGracePeriod() {
        arbiter.decide(T0.plusSeconds(10), List.of(BACKUP_B, BACKUP_A));
        assertThat(arbiter.decide(T0.plusSeconds(11), List.of(BACKUP_A)).leader()).isNull();
        assertThat(arbiter.decide(T0.plusSeconds(15), List.of(BACKUP_A, BACKUP_B)).leader()).isEqualTo("node3");
    }

    @Test
    void aSecondPrimaryLaterInTheViewIsRefusedAndNeverLeads() {
        MemberCard second = card("node9", NodeRole.PRIMARY, 1);

        LeaderArbiter.Decision decision = arbiter.decide(T0, List.of(PRIMARY, BACKUP_A, second));

        assertThat(decision.leader()).isEqualTo("node1");
        assertThat(decision.acceptedPrimary()).isEqualTo("node1");
        assertThat(decision.refused()).containsExactly("node9");
    }

    @Test
    void aRefusedPrimaryStaysOutEvenWhenTheAcceptedOneIsGone() {
        MemberCard refused = card("node9", NodeRole.PRIMARY, 1).asRefused();
        arbiter.decide(T0, List.of(PRIMARY, refused, BACKUP_A));

        LeaderArbiter.Decision decision = arbiter.decide(T0.plusSeconds(20), List.of(refused, BACKUP_A));

        assertThat(decision.leader()).isEqualTo("node2");
        assertThat(decision.acceptedPrimary()).isNull();
        assertThat(decision.refused()).containsExactly("node9");
    }

    @Test
    void noLeaderWhenOnlyARefusedPrimaryIsLeft() {
        MemberCard refused = card("node9", NodeRole.PRIMARY, 1).asRefused();

        assertThat(arbiter.decide(T0.plusSeconds(60), List.of(refused)).leader()).isNull();
    }

    @Test
    void aBetterBackupThatJoinsTakesOver() {
        arbiter.decide(T0.plusSeconds(10), List.of(BACKUP_A));

        assertThat(arbiter.decide(T0.plusSeconds(11), List.of(BACKUP_A, BACKUP_B)).leader()).isEqualTo("node3");
    }

    private static MemberCard card(String nodeId, NodeRole role, int priority) {
        return new MemberCard(nodeId, role, priority, "http://127.0.0.1:8181", false);
    }
}
