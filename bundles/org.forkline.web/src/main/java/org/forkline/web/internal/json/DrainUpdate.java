package org.forkline.web.internal.json;

/** Body of {@code PUT /api/v1/drain}. */
public final class DrainUpdate {

    public Boolean drained;
}
