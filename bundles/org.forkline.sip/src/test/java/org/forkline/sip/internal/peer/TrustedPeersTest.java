package org.forkline.sip.internal.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedPeersTest {

    @Test
    void exactAddressesMatchOnlyThemselves() {
        TrustedPeers peers = TrustedPeers.parse("10.48.38.5, 10.48.38.6");

        assertThat(peers.isTrusted("10.48.38.5")).isTrue();
        assertThat(peers.isTrusted("10.48.38.6")).isTrue();
        assertThat(peers.isTrusted("10.48.38.7")).isFalse();
    }

    @Test
    void ipv4BlocksMatchTheirPrefix() {
        TrustedPeers peers = TrustedPeers.parse("10.48.38.0/24 192.168.0.0/16");

        assertThat(peers.isTrusted("10.48.38.255")).isTrue();
        assertThat(peers.isTrusted("10.48.39.1")).isFalse();
        assertThat(peers.isTrusted("192.168.200.7")).isTrue();
        assertThat(peers.isTrusted("192.169.0.1")).isFalse();
    }

    @Test
    void aBlockWithHostBitsSetIsNormalised() {
        TrustedPeers peers = TrustedPeers.parse("10.48.38.77/30");

        assertThat(peers.isTrusted("10.48.38.76")).isTrue();
        assertThat(peers.isTrusted("10.48.38.79")).isTrue();
        assertThat(peers.isTrusted("10.48.38.80")).isFalse();
        assertThat(peers).hasToString("10.48.38.77/30");
    }

    @Test
    void ipv6BlocksAndLoopbackMatch() {
        TrustedPeers peers = TrustedPeers.parse("127.0.0.1/32, ::1/128, 2001:db8:10::/48");

        assertThat(peers.isTrusted("::1")).isTrue();
        assertThat(peers.isTrusted("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(peers.isTrusted("[::1]")).isTrue();
        assertThat(peers.isTrusted("fe80::1%lo")).isFalse();
        assertThat(peers.isTrusted("2001:db8:10:ffff::5")).isTrue();
        assertThat(peers.isTrusted("2001:db8:11::5")).isFalse();
        assertThat(peers.isTrusted("127.0.0.1")).isTrue();
        assertThat(peers.isTrusted("127.0.0.2")).isFalse();
    }

    @Test
    void ipv4MappedIpv6SourcesAreComparedAsIpv4() {
        assertThat(TrustedPeers.parse("10.0.0.0/8").isTrusted("::ffff:10.1.2.3")).isTrue();
    }

    @Test
    void familiesDoNotMixAndZeroPrefixTrustsTheWholeFamily() {
        TrustedPeers anyIpv4 = TrustedPeers.parse("0.0.0.0/0");

        assertThat(anyIpv4.isTrusted("203.0.113.9")).isTrue();
        assertThat(anyIpv4.isTrusted("2001:db8::1")).isFalse();
    }

    @Test
    void garbageHostNamesAndMissingSourcesAreNotTrusted() {
        TrustedPeers peers = TrustedPeers.parse("0.0.0.0/0");

        assertThat(peers.isTrusted((String) null)).isFalse();
        assertThat(peers.isTrusted("localhost")).isFalse();
        assertThat(peers.isTrusted("")).isFalse();
    }

    @Test
    void anEmptyListTrustsNobody() {
        TrustedPeers peers = TrustedPeers.parse(" ");

        assertThat(peers.isEmpty()).isTrue();
        assertThat(peers.isTrusted("127.0.0.1")).isFalse();
    }

    @Test
    void invalidEntriesAreNamed() {
        assertThatThrownBy(() -> TrustedPeers.parse("10.0.0.1, cucm.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'cucm.example.com'");
        assertThatThrownBy(() -> TrustedPeers.parse("10.0.0.0/33")).hasMessageContaining("0 to 32 for IPv4");
        assertThatThrownBy(() -> TrustedPeers.parse("::/129")).hasMessageContaining("0 to 128 for IPv6");
        assertThatThrownBy(() -> TrustedPeers.parse("10.0.0.256")).hasMessageContaining("'10.0.0.256'");
        assertThatThrownBy(() -> TrustedPeers.parse("10.0.0.0/x")).hasMessageContaining("invalid prefix length");
    }
}
