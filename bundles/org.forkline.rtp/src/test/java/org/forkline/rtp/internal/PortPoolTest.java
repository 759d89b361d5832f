package org.forkline.rtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortPoolTest {

    @Test
    void handsOutEvenPortsWithTheirRtcpPortInsideTheRange() {
        PortPool pool = new PortPool(20001, 20006);

        assertThat(pool.pairs()).isEqualTo(2);
        assertThat(pool.acquire()).isEqualTo(20002);
        assertThat(pool.acquire()).isEqualTo(20004);
        assertThat(pool.acquire()).as("20006 has no RTCP port inside the range").isEqualTo(-1);
        assertThat(pool.portsTotal()).isEqualTo(4);
        assertThat(pool.portsInUse()).isEqualTo(4);
    }

    @Test
    void rotatesInsteadOfReusingTheJustReleasedPort() {
        PortPool pool = new PortPool(20000, 20005);
        int first = pool.acquire();
        pool.release(first);

        int second = pool.acquire();
        pool.release(second);
        int third = pool.acquire();
        pool.release(third);

        assertThat(new int[] {first, second, third}).containsExactly(20000, 20002, 20004);
        assertThat(pool.acquire()).as("wraps around after the last pair").isEqualTo(20000);
    }

    @Test
    void skipsPortsInUseAndReportsExhaustion() {
        PortPool pool = new PortPool(20000, 20005);
        int a = pool.acquire();
        int b = pool.acquire();
        int c = pool.acquire();
        assertThat(pool.acquire()).isEqualTo(-1);

        pool.release(b);
        assertThat(pool.acquire()).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(pool.portsInUse()).isEqualTo(6);
    }

    @Test
    void aNewRangeAppliesToLaterAllocationsWhileOldPortsStayAccounted() {
        PortPool pool = new PortPool(20000, 20003);
        int old = pool.acquire();

        pool.configure(30000, 30003);
        int next = pool.acquire();

        assertThat(next).isBetween(30000, 30002);
        assertThat(pool.portsInUse()).isEqualTo(4);
        assertThat(pool.portsTotal()).isEqualTo(4);
        assertThat(pool.range()).isEqualTo("30000-30003");
        pool.release(old);
        assertThat(pool.portsInUse()).isEqualTo(2);
    }
}
