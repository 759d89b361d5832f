package org.forkline.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.forkline.api.storage.StorageHealth;
import org.forkline.storage.internal.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks whether storage can take recordings (data folder writable, enough free space, database answering) in the
 * background, so that reading the verdict on the INVITE and OPTIONS path is a volatile read.
 */
final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final long MIB = 1024 * 1024;

    /** What the last probe found; a failed write or query reported in between overrides it until the next probe. */
    private record Probe(String writeProblem, String databaseProblem, long freeBytes) {
    }

    /** A probe judged against the threshold, ready to be read. */
    private record Verdict(Probe probe, long minFreeBytes, String problem) {

        boolean healthy() {
            return problem == null;
        }
    }

    private final Path dataDir;
    private final Database database;
    private volatile Verdict verdict;

    HealthMonitor(Path dataDir, Database database, long minFreeBytes) {
        this.dataDir = dataDir;
        this.database = database;
        this.verdict = judge(new Probe(null, null, Long.MAX_VALUE), minFreeBytes);
    }

    /** Probes the folder, the file system and the database now. */
    void check() {
        String writeProblem = probeWrite();
        long free = 0;
        try {
            free = Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            writeProblem = writeProblem != null ? writeProblem
                    : "free space of data folder " + dataDir + " cannot be read: " + e.getMessage();
        }
        String databaseProblem = null;
        try {
            database.ping();
        } catch (SQLException e) {
            databaseProblem = "database " + database.folder() + " does not answer: " + e.getMessage();
        }
        publish(new Probe(writeProblem, databaseProblem, free));
    }

    synchronized void setMinFreeBytes(long minFreeBytes) {
        change(judge(verdict.probe(), minFreeBytes));
    }

    /** A write to the data folder just failed: unhealthy until the next probe succeeds. */
    synchronized void reportWriteFailure(String reason) {
        Probe last = verdict.probe();
        change(judge(new Probe(reason, last.databaseProblem(), last.freeBytes()), verdict.minFreeBytes()));
    }

    /** A database statement just failed: unhealthy until the next probe succeeds. */
    synchronized void reportDatabaseFailure(String reason) {
        Probe last = verdict.probe();
        change(judge(new Probe(last.writeProblem(), reason, last.freeBytes()), verdict.minFreeBytes()));
    }

    boolean healthy() {
        return verdict.healthy();
    }

    /** Why storage is not healthy, or null. */
    String problem() {
        return verdict.problem();
    }

    StorageHealth health(int activeRecordings, int sealingBacklog) {
        Verdict v = verdict;
        return new StorageHealth(v.probe().writeProblem() == null, v.probe().databaseProblem() == null,
                v.probe().freeBytes(), v.minFreeBytes(), activeRecordings, sealingBacklog, v.problem());
    }

    private synchronized void publish(Probe probe) {
        change(judge(probe, verdict.minFreeBytes()));
    }

    private void change(Verdict next) {
        Verdict previous = verdict;
        verdict = next;
        if (previous.healthy() && !next.healthy()) {
            LOG.warn("Storage cannot take new recordings (calls are refused with 503): {}", next.problem());
        } else if (!previous.healthy() && next.healthy()) {
            LOG.info("Storage is healthy again and takes new recordings");
        } else if (!next.healthy() && !next.problem().equals(previous.problem())) {
            LOG.warn("Storage still cannot take new recordings: {}", next.problem());
        }
    }

    private Verdict judge(Probe probe, long minFreeBytes) {
        List<String> problems = new ArrayList<>();
        if (probe.writeProblem() != null) {
            problems.add(probe.writeProblem());
        }
        if (probe.databaseProblem() != null) {
            problems.add(probe.databaseProblem());
        }
        if (probe.freeBytes() < minFreeBytes) {
            problems.add("free space on " + dataDir + " is " + probe.freeBytes() / MIB + " MiB, below minFreeDiskMb="
                    + minFreeBytes / MIB);
        }
        return new Verdict(probe, minFreeBytes, problems.isEmpty() ? null : String.join("; ", problems));
    }

    private String probeWrite() {
        Path probe = dataDir.resolve(".health-probe");
        try {
            Files.createDirectories(dataDir);
            Files.write(probe, "probe".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return "data folder " + dataDir + " is not writable: " + e;
        }
    }
}
