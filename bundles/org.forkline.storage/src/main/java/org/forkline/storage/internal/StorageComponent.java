package org.forkline.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.forkline.api.LegMetadata;
import org.forkline.api.Recording;
import org.forkline.api.RecordingPage;
import org.forkline.api.RecordingQuery;
import org.forkline.api.RecordingEvents;
import org.forkline.api.RecordingUser;
import org.forkline.api.handover.Handover;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ReplicaMedia;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.api.storage.LegHandle;
import org.forkline.api.storage.RecordingDeletion;
import org.forkline.api.storage.RecordingRepository;
import org.forkline.api.storage.RecordingService;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.api.storage.StorageHealth;
import org.forkline.api.storage.StorageStatus;
import org.forkline.api.storage.StorageUnavailableException;
import org.forkline.storage.internal.db.ChangeLog;
import org.forkline.storage.internal.db.Database;
import org.forkline.storage.internal.db.MergeDao;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.db.RecordingQueries;
import org.forkline.storage.internal.db.SealingDao;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.opus.OpusSettings;
import org.forkline.storage.internal.seal.Sealer;
import org.forkline.storage.internal.seal.SealingQueue;
import org.forkline.storage.internal.seal.SplitLegMerger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage of one node: leg journals, sealing into Ogg Opus, the Derby metadata database, search, audio, recording
 * users and storage health. Recovery of an unclean stop runs before the services are registered.
 */
@Component(service = {RecordingService.class, RecordingRepository.class, RecordingUserService.class,
        StorageStatus.class, ReplicaStore.class, RecordingDeletion.class}, configurationPid = {"org.forkline.storage", "org.forkline.node"}, immediate = true)
public final class StorageComponent implements RecordingService, RecordingRepository, RecordingUserService,
        StorageStatus, ReplicaStore, RecordingDeletion {

    private static final Logger LOG = LoggerFactory.getLogger(StorageComponent.class);
    private static final int POOL_SIZE = 4;
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /**
     * Keys of etc/org.forkline.storage.cfg and etc/org.forkline.node.cfg (merged by DS). The metatype is designated to
     * the storage PID only: the node PID is shared with other bundles.
     */
    @ObjectClassDefinition(name = "Forkline storage", pid = "org.forkline.storage",
            description = "Journals, sealed recordings and the metadata database of this node")
    public @interface Config {

        @AttributeDefinition(name = "Data folder", description = "Folder for the database, journals and recordings")
        String dataDir() default "${karaf.data}/forkline";

        @AttributeDefinition(name = "Minimum free disk (MiB)",
                description = "New calls are refused (503) when less than this is free on the data folder")
        long minFreeDiskMb() default 1024;

        @AttributeDefinition(name = "Health check interval (s)",
                description = "How often free space, writability and the database are checked")
        int healthCheckSeconds() default 5;

        @AttributeDefinition(name = "Pairing wait (s)",
                description = "How long a one-leg recording waits after its start for its partner before sealing")
        int pairingWaitSeconds() default 5;

        @AttributeDefinition(name = "Sealing threads",
                description = "Threads encoding finished recordings; keep below the number of cores (restart needed)")
        int sealingThreads() default 1;

        @AttributeDefinition(name = "Opus bit rate per channel (bit/s)", description = "VBR target of each mono stream")
        int opus_bitratePerChannel() default 12000;

        @AttributeDefinition(name = "Opus complexity", description = "Encoder complexity, 0 (cheapest) to 10")
        int opus_complexity() default 0;

        @AttributeDefinition(name = "Opus energy gate (dBFS)",
                description = "20 ms frames quieter than this are not encoded")
        double opus_gateDbfs() default -45;

        @AttributeDefinition(name = "Node id",
                description = "Id of this node (org.forkline.node): 1 to 64 letters, digits, '.', '_' or '-'")
        String nodeId() default "node1";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    /** Keeps the live legs across a restart of this bundle; updating the handover bundle restarts nothing here. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Handover handover;

    private final UnaryOperator<String> properties;
    private final StorageSettings started;
    private final Database database;
    private final UserDirectory users;
    private final RecordingLibrary library;
    private final HealthMonitor health;
    private final ScheduledExecutorService timer;
    private final SealingQueue sealing;
    private final Sealer sealer;
    private final RecordingRegistry registry;
    private final Replicas replicas;
    private final SplitLegMerger merger;
    private final EventPoster events;
    private final RecordingDao dao;
    private final LegTakeover takeover;
    private final JournalStore journals;
    private final BooleanSupplier frameworkStopping;
    private volatile OpusSettings opus;
    private ScheduledFuture<?> healthChecks;
    private int healthCheckSeconds;

    /** Constructs; {@link #activate} recovers and takes over the handed-over legs once the references are bound. */
    @Activate
    public StorageComponent(BundleContext context, Config config) throws SQLException, IOException {
        this(config, name -> context == null ? System.getProperty(name) : context.getProperty(name),
                () -> context != null && frameworkStopping(context));
    }

    StorageComponent(Config config, UnaryOperator<String> properties) throws SQLException, IOException {
        this(config, properties, () -> false);
    }

    /** @param frameworkStopping true when the whole framework stops (no handover then) */
    StorageComponent(Config config, UnaryOperator<String> properties, BooleanSupplier frameworkStopping)
            throws SQLException, IOException {
        this.properties = properties;
        this.frameworkStopping = frameworkStopping;
        StorageSettings settings = StorageSettings.from(config, properties);
        this.started = settings;
        this.opus = settings.opus();
        Clock clock = Clock.systemUTC();
        Files.createDirectories(settings.dataDir());
        this.database = Database.open(settings.dataDir().resolve("db"), POOL_SIZE);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "forkline-storage-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.journals = new JournalStore(settings.dataDir());
        this.dao = new RecordingDao(database.pool(), clock);
        this.events = new EventPoster(() -> eventAdmin, settings.nodeId());
        ChangeLog changeLog;
        try {
            changeLog = ChangeLog.load(database.pool(), settings.nodeId(), events::localChange);
        } catch (SQLException e) {
            database.close();
            throw e;
        }
        this.sealing = new SealingQueue(settings.sealingThreads(), this::seal);
        this.sealer = new Sealer(settings.dataDir(), journals, dao, new SealingDao(database.pool(), clock, changeLog),
                settings.nodeId(), () -> opus, this::sealed, sealing::stopping);
        this.merger = new SplitLegMerger(settings.dataDir(), new MergeDao(database.pool(), changeLog, clock),
                settings.nodeId(), () -> opus, events, sealing::stopping);
        try {
            this.users = UserDirectory.load(database.pool(), changeLog, clock);
            this.replicas = new Replicas(settings.dataDir(), database.pool(), changeLog, users, clock,
                    this::mergeLater);
            this.library = new RecordingLibrary(settings.dataDir(), new RecordingQueries(database.pool()));
            this.health = new HealthMonitor(settings.dataDir(), database, settings.minFreeBytes());
            health.check();
            LiveLeg.Context legs = new LiveLeg.Context(dao, health, clock, settings.nodeId());
            this.registry = new RecordingRegistry(legs, journals, sealing, timer, events, settings.pairingWait());
            this.takeover = new LegTakeover(registry, legs);
        } catch (SQLException | RuntimeException e) {
            sealing.shutdown(STOP_WAIT);
            stopTimer();
            database.close();
            throw e;
        }
    }

    /**
     * Takes over the live legs the previous activation handed over, then recovers what the last stop left unsealed
     * (all of it without a handover); before any leg can be opened.
     */
    @Activate
    void activate() throws SQLException, IOException {
        try {
            Set<UUID> takenOver = takeover.takeOver(handover, timer);
            int recovered = new Recovery(dao, journals, sealing, started.nodeId()).run(takenOver);
            sealing.execute(merger::scanOrLog);
            scheduleHealthChecks(started.healthCheckSeconds());
            LOG.info("Storage of node {} is ready in {} ({} recording(s) to recover, {} taken over){}",
                    started.nodeId(), started.dataDir(), recovered, takenOver.size(),
                    health.healthy() ? "" : "; not healthy: " + health.problem());
        } catch (SQLException | IOException | RuntimeException e) {
            registry.close(false);
            sealing.shutdown(STOP_WAIT);
            stopTimer();
            database.close();
            throw e;
        }
    }

    @Modified
    void modified(Config config) {
        StorageSettings next = StorageSettings.from(config, properties);
        if (!next.dataDir().equals(started.dataDir())) {
            LOG.warn("dataDir changed to {}: takes effect after restart (still using {})", next.dataDir(),
                    started.dataDir());
        }
        if (next.sealingThreads() != started.sealingThreads()) {
            LOG.warn("sealingThreads changed to {}: takes effect after restart (still {})", next.sealingThreads(),
                    started.sealingThreads());
        }
        if (!next.nodeId().equals(started.nodeId())) {
            LOG.warn("nodeId changed to {}: takes effect after restart (still {})", next.nodeId(), started.nodeId());
        }
        health.setMinFreeBytes(next.minFreeBytes());
        registry.setPairingWait(next.pairingWait());
        opus = next.opus();
        scheduleHealthChecks(next.healthCheckSeconds());
        timer.execute(health::check);
    }

    /**
     * Stops. With the handover service present and the framework not stopping (an update or restart of this bundle),
     * the live legs are handed over to the next activation instead of being left to recovery.
     */
    @Deactivate
    void deactivate() {
        Handover desk = handover;
        boolean handingOver = desk != null && !frameworkStopping.getAsBoolean();
        List<LiveLeg> live = registry.close(handingOver);
        stopTimer();
        sealing.shutdown(STOP_WAIT);
        database.close();
        if (!handingOver || live.isEmpty() || !takeover.handOver(desk, live)) {
            LOG.info("Storage of node {} stopped", started.nodeId());
        }
    }

    @Override
    public LegHandle openLeg(LegMetadata metadata) throws StorageUnavailableException {
        return registry.openLeg(metadata);
    }

    @Override
    public LegHandle resumeLeg(UUID legId) throws StorageUnavailableException {
        return registry.resumeLeg(legId);
    }

    @Override
    public boolean isActive(String pairKey) {
        return registry.isActive(pairKey);
    }

    @Override
    public Optional<Recording> find(UUID id) {
        return library.find(id);
    }

    @Override
    public RecordingPage search(RecordingQuery query) {
        return library.search(query);
    }

    @Override
    public Optional<AudioContent> audio(UUID id, AudioFormat format) throws IOException {
        return library.audio(id, format);
    }

    @Override
    public Optional<RecordingUser> find(String number) {
        return users.find(number);
    }

    @Override
    public List<RecordingUser> list() {
        return users.list();
    }

    @Override
    public void save(RecordingUser user) {
        users.save(user);
    }

    @Override
    public boolean remove(String number) {
        return users.remove(number);
    }

    @Override
    public boolean delete(UUID recordingId) {
        return replicas.delete(recordingId);
    }

    @Override
    public String localNodeId() {
        return replicas.localNodeId();
    }

    @Override
    public Map<String, Long> watermarks() {
        return replicas.watermarks();
    }

    @Override
    public List<Change> changesAfter(Map<String, Long> watermarks, int limit) {
        return replicas.changesAfter(watermarks, limit);
    }

    @Override
    public Optional<ReplicaMedia> media(UUID recordingId) {
        return replicas.media(recordingId);
    }

    @Override
    public boolean needsMedia(Change change) {
        return replicas.needsMedia(change);
    }

    @Override
    public Path stagingFolder() {
        return replicas.stagingFolder();
    }

    @Override
    public ApplyResult apply(Change change, Path stagedMedia) throws IOException {
        return replicas.apply(change, stagedMedia);
    }

    @Override
    public StorageHealth health() {
        return health.health(registry.activeRecordings(), sealing.backlog());
    }

    private static boolean frameworkStopping(BundleContext context) {
        try {
            return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.STOPPING;
        } catch (IllegalStateException invalidContext) {
            return true;
        }
    }

    private void seal(UUID recordingId) {
        sealer.sealOrMarkFailed(recordingId);
    }

    /** Posts the sealer's events; a sealed orphan may be one half of a call whose other half a peer recorded. */
    private void sealed(String topic, UUID recordingId) {
        events.accept(topic, recordingId);
        if (RecordingEvents.TOPIC_SEALED.equals(topic)) {
            mergeLater(recordingId);
        }
    }

    private void mergeLater(UUID recordingId) {
        sealing.execute(() -> merger.checkOrLog(recordingId));
    }

    private synchronized void scheduleHealthChecks(int seconds) {
        if (healthChecks != null && seconds == healthCheckSeconds) {
            return;
        }
        if (healthChecks != null) {
            healthChecks.cancel(false);
        }
        healthCheckSeconds = seconds;
        healthChecks = timer.scheduleWithFixedDelay(this::checkHealth, seconds, seconds, TimeUnit.SECONDS);
    }

    private void checkHealth() {
        try {
            health.check();
        } catch (RuntimeException e) {
            LOG.error("Storage health check failed unexpectedly", e);
        }
    }

    private void stopTimer() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("The storage timer thread did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
