package org.forkline.web.internal.json;

/** What anybody (a load balancer) may see of the node's health. */
public record HealthJson(String nodeId, String status, boolean canRecord, boolean drained) {
}
