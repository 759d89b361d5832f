package org.forkline.api.node;

/** Node status and the maintenance drain switch (implemented by the SIP bundle, which answers CUCM). */
public interface NodeStatusService {

    NodeStatus status();

    /**
     * Drained: answer 503 to INVITE and OPTIONS from now on so that CUCM routes new calls to a backup; calls
     * already up continue. Persisted in the node's data folder, so it survives a restart.
     */
    void setDrained(boolean drained);
}
