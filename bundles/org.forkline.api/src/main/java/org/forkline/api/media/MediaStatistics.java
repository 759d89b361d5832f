package org.forkline.api.media;

import org.forkline.api.MediaStats;

/**
 * Node-wide media counters since start.
 *
 * @param activeSessions sessions currently bound
 * @param portsInUse     UDP ports bound now (RTP and RTCP)
 * @param portsTotal     size of the configured port range
 * @param totals         packet counters of all sessions, ended and active
 */
public record MediaStatistics(int activeSessions, int portsInUse, int portsTotal, MediaStats totals) {
}
