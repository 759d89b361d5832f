package org.forkline.ha.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.forkline.api.cluster.ClusterMessageListener;
import org.forkline.api.cluster.ClusterService;
import org.forkline.api.cluster.ClusterState;
import org.forkline.api.cluster.NodeRole;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster membership of this node: runs the JGroups channel, tells members apart by their cards, decides the
 * jobs leader and registers {@link org.forkline.api.cluster.JobsLeadership} while this node leads. A
 * configuration change restarts it (a short leave: the others' grace period covers it). It registers its
 * {@link ClusterService} itself: DS would copy the configuration, secret included, into the service properties.
 */
@Component(service = {}, immediate = true,
        configurationPid = {"org.forkline.cluster", "org.forkline.node", "org.ops4j.pax.web"})
public final class ClusterComponent implements ClusterService {

    /**
     * The settings of PID org.forkline.cluster plus nodeId of PID org.forkline.node. The OCD designates itself
     * ({@code pid}) because bnd refuses {@code @Designate} on a component with several configuration PIDs.
     */
    @ObjectClassDefinition(pid = "org.forkline.cluster", name = "Forkline cluster",
            description = "Cluster membership (JGroups over TCP), configured role and the jobs leader")
    public @interface Config {

        @AttributeDefinition(name = "Role", description = "primary or backup; exactly one node is primary")
        String role() default "primary";

        @AttributeDefinition(name = "Priority", description = "Among backups, the lowest leads jobs first "
                + "while the primary is gone")
        int priority() default 100;

        @AttributeDefinition(name = "Bind address", description = "IP address for cluster traffic")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Bind port", description = "TCP port for cluster traffic")
        int bindPort() default 7800;

        @AttributeDefinition(name = "Failure detection offset", description = "JGroups watches a node's liveness "
                + "on its bindPort plus this offset; every node of the cluster must use the same offset (1 to 1000)")
        int failureDetectionOffset() default 100;

        @AttributeDefinition(name = "Peers", required = false, description = "host:port of every node, "
                + "separated by commas; empty: a cluster of one")
        String peers() default "";

        @AttributeDefinition(name = "Secret", required = false, type = AttributeType.PASSWORD,
                description = "Shared secret of the cluster (required with peers): authenticates and encrypts")
        String secret() default "";

        @AttributeDefinition(name = "Grace period", description = "Seconds the leader may be gone before a "
                + "backup takes the jobs")
        int graceSeconds() default 10;

        @AttributeDefinition(name = "Advertised URL", required = false, description = "Base URL peers use for "
                + "node-to-node HTTP; empty: http://<bindAddress>:<HTTP port>")
        String advertisedUrl() default "";

        @AttributeDefinition(name = "Node id", description = "Id of this node (PID org.forkline.node)")
        String nodeId() default "node1";
    }

    /** The HTTP port from PID org.ops4j.pax.web (with Karaf's environment override applied). */
    @interface WebPort {
        String org_osgi_service_http_port() default "8181";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);
    private static final long TICK_MILLIS = 500;

    private final TopicListeners listeners = new TopicListeners();
    private final ClusterSettings settings;
    private final ScheduledExecutorService cluster;
    private final ExecutorService sender;
    private final Leadership leadership;
    private final ClusterNode node;
    private final ServiceRegistration<ClusterService> registration;
    private volatile Membership membership;

    @Activate
    public ClusterComponent(BundleContext context, Config config, WebPort web) {
        this(context, validated(config, web.org_osgi_service_http_port()), Clock.systemUTC());
    }

    ClusterComponent(BundleContext context, ClusterSettings settings, Clock clock) {
        this.settings = settings;
        this.cluster = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "forkline-cluster"));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                r -> new Thread(r, "forkline-cluster-send"), new ThreadPoolExecutor.DiscardPolicy());
        this.leadership = new Leadership(context, settings.nodeId());
        this.node = new ClusterNode(settings, clock, new ClusterNode.Effects() {
            @Override
            public void sendCard(MemberCard card) {
                send(Wire.card(card));
            }

            @Override
            public void leadershipChanged(boolean leading, Instant since) {
                leadership.set(leading, since);
            }
        });
        LOG.info("Cluster node {} as {}: {}", settings.nodeId(), settings.role().name().toLowerCase(), settings);
        settings.startProblem().ifPresent(problem -> LOG.error("{}", problem));
        if (settings.role() == NodeRole.BACKUP && !settings.clustered()) {
            LOG.info("Backup without peers: it leads jobs after the grace period of {} s", settings.grace()
                    .toSeconds());
        }
        post(node::tick);
        if (settings.clustered() && settings.startProblem().isEmpty()) {
            post(this::connect);
        }
        cluster.scheduleWithFixedDelay(node::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("forkline.node.id", settings.nodeId());
        this.registration = context == null ? null
                : context.registerService(ClusterService.class, this, properties);
    }

    @Override
    public ClusterState state() {
        return node.state();
    }

    @Override
    public void broadcast(String topic, byte[] payload) {
        if (membership != null) {
            send(Wire.topic(settings.nodeId(), topic, payload));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addListener(ClusterMessageListener listener, Map<String, Object> properties) {
        listeners.add(listener, properties);
    }

    void removeListener(ClusterMessageListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (registration != null) {
            registration.unregister();
        }
        post(leadership::close);
        closeChannel();
        cluster.shutdown();
        sender.shutdownNow();
        if (!cluster.awaitTermination(15, TimeUnit.SECONDS) || !sender.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Cluster threads did not stop within 15 s");
        }
        // a connect that was still running above has finished by now: close what it opened
        closeChannel();
    }

    private void closeChannel() {
        Membership current = membership;
        if (current != null) {
            current.close();
        }
    }

    /** On the cluster thread: creates the channel and joins the peers (blocks for a few seconds). */
    private void connect() {
        Membership created = null;
        try {
            created = new Membership(settings, SecretKeys.aesKey(settings.secret()), new Membership.Events() {
                @Override
                public void viewChanged(List<String> memberKeys) {
                    post(() -> {
                        node.viewChanged(memberKeys);
                        send(Wire.card(node.localCard()));
                    });
                }

                @Override
                public void messageReceived(String fromKey, byte[] message) {
                    received(fromKey, message);
                }
            });
            String key = created.connect();
            membership = created;
            node.connected(key, created.view());
            send(Wire.card(node.localCard()));
        } catch (Exception e) {
            String problem = "cluster channel on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.bindPort() + " did not start: " + e + "; this node runs alone until fixed "
                    + "(is the port free? restart the org.forkline.ha bundle after fixing)";
            LOG.error("{}", problem, e);
            node.addProblem(problem);
            if (created != null) {
                created.close();
            }
        }
    }

    /** On a JGroups thread. */
    private void received(String fromKey, byte[] message) {
        try {
            if (Wire.kind(message) == Wire.CARD) {
                MemberCard card = Wire.readCard(message);
                post(() -> node.cardReceived(fromKey, card));
            } else if (Wire.kind(message) == Wire.TOPIC) {
                listeners.deliver(Wire.readTopic(message));
            }
        } catch (IOException e) {
            LOG.warn("Dropped a malformed cluster message from {}: {}", fromKey, e.getMessage());
        }
    }

    private void send(byte[] message) {
        Membership current = membership;
        if (current == null) {
            return;
        }
        try {
            sender.execute(() -> {
                try {
                    current.multicast(message);
                } catch (Exception e) {
                    LOG.debug("Cluster message not sent: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // deactivating: best effort ends here
        }
    }

    private void post(Runnable task) {
        try {
            cluster.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Cluster task failed", e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // deactivating: the final task unregisters the leadership anyway
        }
    }

    private static ClusterSettings validated(Config config, String httpPort) {
        try {
            return ClusterSettings.from(config, httpPort);
        } catch (InvalidSettingException e) {
            LOG.error("{}. The cluster service does not start until it is fixed.", e.getMessage());
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
