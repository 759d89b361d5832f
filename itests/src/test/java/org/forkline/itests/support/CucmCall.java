package org.forkline.itests.support;

import java.util.Objects;

/**
 * One recorded call as CUCM describes it to the recorder (PROTOCOL.md 1.3): the {@code x-} values its two forked
 * legs share. Defaults follow the CUCM 11.5 trace (cluster StandAloneCluster, SIP phones, recorder DN 7878).
 *
 * @param refci           {@code x-refci}, identical in both legs; with the cluster id it pairs them
 * @param clusterId       {@code x-nearendclusterid} and {@code x-farendclusterid}
 * @param nearNumber      {@code x-nearendaddr}, also the From user part (the recorded line's DN)
 * @param nearDisplayName From display name
 * @param nearDevice      {@code x-nearenddevice}
 * @param farRefci        {@code x-farendrefci}
 * @param farNumber       {@code x-farendaddr}
 * @param farDevice       {@code x-farenddevice}
 * @param recorderUser    user part of the Request-URI (the recording destination DN)
 */
public record CucmCall(String refci, String clusterId, String nearNumber, String nearDisplayName, String nearDevice,
        String farRefci, String farNumber, String farDevice, String recorderUser) {

    public CucmCall {
        Objects.requireNonNull(refci, "refci");
        Objects.requireNonNull(nearNumber, "nearNumber");
    }

    /** A call of {@code nearNumber} with CUCM's usual values for everything else. */
    public static CucmCall of(String refci, String nearNumber) {
        long ci = Long.parseLong(refci);
        return new CucmCall(refci, "StandAloneCluster", nearNumber, "SJ User 2", "SEP6C416A369525",
                Long.toString(ci - 1), "1000", "SEP38ED18552A12", "7878");
    }

    public CucmCall withFar(String number, String device) {
        return new CucmCall(refci, clusterId, nearNumber, nearDisplayName, nearDevice, farRefci, number, device,
                recorderUser);
    }

    public CucmCall withNearDevice(String device) {
        return new CucmCall(refci, clusterId, nearNumber, nearDisplayName, device, farRefci, farNumber, farDevice,
                recorderUser);
    }

    public CucmCall withCluster(String cluster) {
        return new CucmCall(refci, cluster, nearNumber, nearDisplayName, nearDevice, farRefci, farNumber, farDevice,
                recorderUser);
    }

    /** The dialog that carries the recorded device's voice ({@code x-nearend}). */
    public CucmLeg near() {
        return new CucmLeg(this, true);
    }

    /** The dialog that carries the other party's voice ({@code x-farend}). */
    public CucmLeg far() {
        return new CucmLeg(this, false);
    }
}
