package org.forkline.ha.internal;

import java.util.List;

import javax.crypto.SecretKey;

import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;

/**
 * The JGroups protocol stack of a node, transport first: TCP with static peers, crash detection in a few
 * seconds, merges after a partition heals, and symmetric encryption with the key derived from the secret.
 * SYM_ENCRYPT stamps every message with its key's version and drops messages of any other key, so a node with a
 * wrong secret cannot join (its JOIN request never reaches GMS) nor inject anything above it.
 */
final class JGroupsStack {

    private JGroupsStack() {
    }

    static List<Protocol> build(ClusterSettings settings, SecretKey key) throws Exception {
        TCP tcp = new TCP();
        tcp.setBindAddress(settings.bindAddress());
        // outgoing connections leave from the cluster address too (JGroups' default is any address), so that
        // firewall rules between cluster addresses cover both directions of every connection
        tcp.setClientBindAddr(settings.bindAddress());
        tcp.setBindPort(settings.bindPort());
        tcp.setPortRange(0);

        TCPPING ping = new TCPPING();
        ping.setInitialHosts(settings.peers());
        ping.setPortRange(0);

        MERGE3 merge = new MERGE3();
        // short enough that a healed partition merges within seconds; three nodes make little traffic
        merge.setMinInterval(2_000);
        merge.setMaxInterval(5_000);
        merge.setCheckInterval(8_000);

        FD_SOCK2 socketDetection = new FD_SOCK2();
        socketDetection.setBindAddress(settings.bindAddress());
        socketDetection.setOffset(settings.failureDetectionPort() - settings.bindPort());
        socketDetection.setPortRange(0);

        // a hung node (no crash, so no socket close for FD_SOCK2) is suspected after 3 s and verified in 1 s
        FD_ALL3 heartbeats = new FD_ALL3();
        heartbeats.setTimeout(3_000);
        heartbeats.setInterval(1_000);
        VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2();
        verify.setTimeout(1_000);

        SYM_ENCRYPT encrypt = new SYM_ENCRYPT();
        encrypt.symAlgorithm("AES/CBC/PKCS5Padding");
        encrypt.symIvLength(16);
        encrypt.setSecretKey(key);

        NAKACK2 nakack = new NAKACK2();
        nakack.useMcastXmit(false);

        GMS gms = new GMS();
        gms.setJoinTimeout(2_000);
        gms.setMaxJoinAttempts(3);
        gms.setValue("print_local_addr", false);

        return List.of(tcp, ping, merge, socketDetection, heartbeats, verify, encrypt, nakack, new UNICAST3(),
                new STABLE(), gms, new UFC(), new MFC(), new FRAG4());
    }
}
