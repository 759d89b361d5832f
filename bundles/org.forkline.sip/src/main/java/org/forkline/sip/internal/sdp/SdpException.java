package org.forkline.sip.internal.sdp;

/** An SDP body we cannot use; the message says what is wrong in words an operator can act on. */
public final class SdpException extends Exception {

    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }
}
