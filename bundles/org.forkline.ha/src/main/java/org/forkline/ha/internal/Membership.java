package org.forkline.ha.internal;

import java.util.List;

import javax.crypto.SecretKey;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JGroups channel of this node: connects to the peers, multicasts messages and reports what arrives. */
final class Membership implements AutoCloseable {

    /** Where arrivals go; called on JGroups threads, so implementations hand off quickly. */
    interface Events {
        void viewChanged(List<String> memberKeys);

        void messageReceived(String fromKey, byte[] message);
    }

    /** JGroups group name: only channels with the same name form a cluster. */
    static final String GROUP = "forkline";

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final JChannel channel;

    /** Creates the channel (not yet connected) with the JGroups bundle as context class loader. */
    Membership(ClusterSettings settings, SecretKey key, Events events) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JGroups looks classes up through the context class loader; its threads inherit it from here
        thread.setContextClassLoader(JChannel.class.getClassLoader());
        try {
            channel = new JChannel(JGroupsStack.build(settings, key));
            channel.name(settings.nodeId());
            channel.setDiscardOwnMessages(true);
            channel.setReceiver(new Receiver() {
                @Override
                public void viewAccepted(View view) {
                    LOG.info("Cluster view {}", view);
                    events.viewChanged(view.getMembers().stream().map(Membership::key).toList());
                }

                @Override
                public void receive(Message message) {
                    events.messageReceived(key(message.getSrc()), payload(message));
                }
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Joins the peers, or founds the cluster when none answers; blocks for a few seconds. */
    String connect() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JChannel.class.getClassLoader());
        try {
            channel.connect(GROUP);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return key(channel.getAddress());
    }

    /** Member keys of the current view, in view order. */
    List<String> view() {
        View view = channel.getView();
        return view == null ? List.of(key(channel.getAddress())) : view.getMembers().stream().map(Membership::key)
                .toList();
    }

    /** Sends to every other member; may block briefly on flow control. */
    void multicast(byte[] message) throws Exception {
        if (channel.isConnected()) {
            channel.send(new BytesMessage(null, message));
        }
    }

    /** Leaves the cluster cleanly: the others see this node go at once and start their grace period. */
    @Override
    public void close() {
        channel.close();
    }

    private static byte[] payload(Message message) {
        if (message.getArray() == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[message.getLength()];
        System.arraycopy(message.getArray(), message.getOffset(), bytes, 0, bytes.length);
        return bytes;
    }

    /** A member's key, unique even when two nodes are (wrongly) given the same node id. */
    static String key(Address address) {
        return address instanceof UUID uuid ? uuid.toStringLong() : String.valueOf(address);
    }
}
