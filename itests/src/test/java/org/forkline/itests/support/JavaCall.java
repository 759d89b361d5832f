package org.forkline.itests.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

/**
 * A CUCM call driven from Java: both legs signalled by {@link SipUac}s and streamed by {@link RtpSender}s, so a test
 * can watch and control the media (count what was sent, inject junk, kill the node mid-call).
 */
public final class JavaCall implements AutoCloseable {

    private final Leg near;
    private final Leg far;

    /** One signalled and streaming leg. */
    public record Leg(SipUac uac, RtpSender sender) {
    }

    private JavaCall(Leg near, Leg far) {
        this.near = near;
        this.far = far;
    }

    /** Sets up both legs (near first, as CUCM does, a few ms apart) and starts streaming on each. */
    public static JavaCall start(ForklineNode node, CucmCall call, RtpStream nearStream, RtpStream farStream) {
        Leg near = startLeg(node, call.near(), nearStream);
        Leg far;
        try {
            far = farStream == null ? null : startLeg(node, call.far(), farStream);
        } catch (RuntimeException | AssertionError e) {
            near.sender().close();
            near.uac().close();
            throw e;
        }
        return new JavaCall(near, far);
    }

    /** INVITE, check the 200 OK's offer, ACK with CUCM's answer naming the sender's port, start the sender. */
    public static Leg startLeg(ForklineNode node, CucmLeg leg, RtpStream stream) {
        SipUac uac = new SipUac(node, leg);
        RtpSender sender = new RtpSender("127.0.0.1", stream);
        try {
            SipMessage answer = uac.invite();
            assertThat(answer.statusCode()).as("answer to the %s INVITE of refci %s:\n%s", leg.flag(),
                    leg.call().refci(), answer).isEqualTo(200);
            assertThat(Sdp.direction(answer.body())).as("direction in the offer").hasValue("recvonly");
            assertThat(Sdp.payloadTypes(answer.body())).as("payload types offered").contains(0);
            uac.ack(Sdp.cucmAnswer(sender.localAddress(), sender.localPort(), "sendonly"));
            sender.start(uac.offeredMedia());
            return new Leg(uac, sender);
        } catch (RuntimeException | AssertionError e) {
            sender.close();
            uac.close();
            throw e;
        }
    }

    public Leg near() {
        return near;
    }

    public Optional<Leg> far() {
        return Optional.ofNullable(far);
    }

    /** Stops the senders and ends both dialogs with BYE; each BYE must be answered 200. */
    public void hangUp() {
        for (Leg leg : far == null ? new Leg[] {near} : new Leg[] {near, far}) {
            leg.sender().stop();
            Optional<SipMessage> response = leg.uac().bye(Duration.ofSeconds(5));
            assertThat(response).as("answer to the BYE of %s", leg.uac().callId()).isPresent();
            assertThat(response.get().statusCode()).as("answer to the BYE:\n%s", response.get()).isEqualTo(200);
        }
    }

    /** Stops the senders and closes all sockets without signalling (e.g. after the node was killed). */
    @Override
    public void close() {
        for (Leg leg : far == null ? new Leg[] {near} : new Leg[] {near, far}) {
            leg.sender().close();
            leg.uac().close();
        }
    }
}
