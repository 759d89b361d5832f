package org.forkline.sip.internal.call;

import java.util.Map;
import java.util.Properties;

/** The JAIN-SIP RI settings of our stack. */
final class StackProperties {

    /** Worker threads for incoming messages: bursts of INVITEs each spend a few ms in storage. */
    static final int WORKER_THREADS = 64;
    /** Largest SIP message accepted (CUCM messages are a few kB; this bounds memory per TCP connection). */
    static final int MAX_MESSAGE_SIZE = 65_536;
    /**
     * UDP socket buffers: the RI's 64 KiB default holds only ~45 CUCM INVITEs of a burst; the kernel caps the
     * value at net.core.rmem_max / wmem_max.
     */
    static final int UDP_BUFFER_SIZE = 1 << 20;
    /** Logger the RI writes to (Karaf routes it with the rest of the log); only its errors are logged. */
    static final String RI_LOGGER = "org.forkline.sip.jainsip";

    private StackProperties() {
    }

    /**
     * @param stackName unique per activation
     * @param overrides extra RI properties (tests shorten timers with them)
     */
    static Properties create(String stackName, Map<String, String> overrides) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(WORKER_THREADS));
        properties.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE",
                Integer.toString(WORKER_THREADS));
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_SIZE));
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_SIZE));
        properties.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_SIZE));
        properties.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // Unmatched NOTIFYs reach us, so that the trusted-peer check answers them like every other request.
        properties.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        // No debug or message log files: only errors, into the regular log.
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        properties.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", RI_LOGGER);
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        overrides.forEach(properties::setProperty);
        return properties;
    }
}
