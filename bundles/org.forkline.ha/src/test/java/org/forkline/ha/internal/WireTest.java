package org.forkline.ha.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;

import org.forkline.api.cluster.NodeRole;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void aCardSurvivesTheRoundTrip() throws IOException {
        MemberCard card = new MemberCard("node-2.a", NodeRole.BACKUP, 42, "http://10.0.0.2:8181", true);

        byte[] bytes = Wire.card(card);

        assertThat(Wire.kind(bytes)).isEqualTo(Wire.CARD);
        assertThat(Wire.readCard(bytes)).isEqualTo(card);
    }

    @Test
    void aTopicMessageSurvivesTheRoundTrip() throws IOException {
        byte[] bytes = Wire.topic("node1", "replication.hint", new byte[] {1, 2, 3});

        Wire.TopicMessage message = Wire.readTopic(bytes);

        assertThat(message.fromNodeId()).isEqualTo("node1");
        assertThat(message.topic()).isEqualTo("replication.hint");
        assertThat(message.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void malformedMessagesAreRejected() {
        byte[] card = Wire.card(new MemberCard("n", NodeRole.PRIMARY, 1, "", false));

        assertThatThrownBy(() -> Wire.readCard(Arrays.copyOf(card, card.length - 2))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Wire.readTopic(card)).isInstanceOf(IOException.class);
        assertThat(Wire.kind(new byte[0])).isEqualTo(-1);
    }

    @Test
    void largePayloadsAreRefused() {
        assertThatThrownBy(() -> Wire.topic("n", "t", new byte[Wire.MAX_PAYLOAD + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
