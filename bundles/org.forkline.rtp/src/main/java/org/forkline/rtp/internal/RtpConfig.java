package org.forkline.rtp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of PID {@code org.forkline.rtp} (etc/org.forkline.rtp.cfg). */
@ObjectClassDefinition(id = "org.forkline.rtp", name = "Forkline RTP capture",
        description = "UDP ports, reorder buffer, flush interval and inactivity watchdog of the RTP receiver.")
public @interface RtpConfig {

    @AttributeDefinition(name = "Bind address",
            description = "Address to bind the RTP ports to; also the address in our SDP offer unless "
                    + "advertisedAddress is set.")
    String address() default "127.0.0.1";

    @AttributeDefinition(name = "Advertised address", required = false,
            description = "Address put into the SDP c= line when it differs from the bind address (NAT). "
                    + "Empty: the bind address.")
    String advertisedAddress() default "";

    @AttributeDefinition(name = "Lowest port", min = "1", max = "65535",
            description = "Lowest UDP port of the range. Each leg takes an even RTP port and the odd RTCP port above it.")
    int portMin() default 20000;

    @AttributeDefinition(name = "Highest port", min = "2", max = "65535",
            description = "Highest UDP port of the range.")
    int portMax() default 29999;

    @AttributeDefinition(name = "Reorder window (ms)", min = "0", max = "2000",
            description = "How long a late packet may arrive and still be put in its place.")
    int reorderMillis() default 80;

    @AttributeDefinition(name = "Inactivity timeout (s)", min = "1",
            description = "A leg that receives no RTP for this long (and is not on hold) is ended.")
    int inactivityTimeoutSeconds() default 300;

    @AttributeDefinition(name = "Flush interval (ms)", min = "1", max = "60000",
            description = "Journal flush interval: a crash loses at most this much audio, plus the reorder window.")
    int flushMillis() default 500;

    @AttributeDefinition(name = "Strict source",
            description = "true: packets from an address other than the one in the SDP answer are counted and dropped.")
    boolean strictSource() default true;

    @AttributeDefinition(name = "Event-loop threads", min = "0",
            description = "Threads receiving RTP. 0: one per CPU core. Takes effect on restart of the bundle.")
    int threads() default 0;

    @AttributeDefinition(name = "Wake-up interval (ms)", min = "0", max = "20",
            description = "An idle event loop sleeps this long before it looks for packets, then takes all that "
                    + "arrived: a few wake-ups per second instead of one per packet. The delay is far below the "
                    + "reorder window. 0: wake for every packet. Takes effect on restart of the bundle.")
    int wakeupIntervalMillis() default 5;
}
