package org.forkline.itests.support;

import java.time.Duration;

/** Ready-made SIPp runs of CUCM legs against a node, and the pcaps they play. */
public final class SippCalls {

    /** Time the scenario waits after a pcap's last packet before it goes on (BYE, re-INVITE). */
    public static final long MEDIA_MARGIN_MILLIS = 100;

    private SippCalls() {
    }

    /** Writes {@code <work>/pcaps/<name>.pcap}. */
    public static PcapFile pcap(String name, RtpStream stream) {
        return pcap(name, stream, Impairments.none());
    }

    public static PcapFile pcap(String name, RtpStream stream, Impairments impairments) {
        return RtpPcapWriter.write(ItWork.dir("pcaps").resolve(name + ".pcap"), stream, impairments);
    }

    /** cucm-leg.xml: INVITE, 200 with offer, ACK with answer, the pcap, BYE. */
    public static Sipp leg(ForklineNode node, CucmLeg leg, PcapFile pcap) {
        return Sipp.scenario("cucm-leg.xml").target(node).keys(leg.sippKeys())
                .label("leg-" + leg.call().refci() + "-" + (leg.nearEnd() ? "near" : "far"))
                .key("pcap", pcap.path())
                .template("MEDIA_MS", pcap.durationMillis() + MEDIA_MARGIN_MILLIS)
                .timeout(Duration.ofMillis(pcap.durationMillis()).plusSeconds(30));
    }

    /** cucm-leg-hold.xml: the first pcap, a hold (a=inactive) of {@code holdMillis}, a resume, the second pcap. */
    public static Sipp holdLeg(ForklineNode node, CucmLeg leg, PcapFile before, long holdMillis, PcapFile after) {
        return Sipp.scenario("cucm-leg-hold.xml").target(node).keys(leg.sippKeys())
                .label("hold-" + leg.call().refci())
                .key("pcap", before.path()).key("pcap2", after.path())
                .template("MEDIA1_MS", before.durationMillis() + MEDIA_MARGIN_MILLIS)
                .template("HOLD_MS", holdMillis)
                .template("MEDIA2_MS", after.durationMillis() + MEDIA_MARGIN_MILLIS)
                .timeout(Duration.ofMillis(before.durationMillis() + holdMillis + after.durationMillis())
                        .plusSeconds(30));
    }

    /** invite-expect-code.xml: a CUCM INVITE that must get {@code code}. */
    public static Sipp inviteExpecting(ForklineNode node, CucmLeg leg, int code) {
        return Sipp.scenario("invite-expect-code.xml").target(node).keys(leg.sippKeys())
                .label("invite-" + leg.call().refci() + "-expect-" + code).expectCode(code)
                .timeout(Duration.ofSeconds(20));
    }

    /** options-expect-code.xml: an OPTIONS ping that must get {@code code}. */
    public static Sipp optionsExpecting(ForklineNode node, int code) {
        return Sipp.scenario("options-expect-code.xml").target(node).label("options-expect-" + code)
                .expectCode(code).timeout(Duration.ofSeconds(20));
    }
}
