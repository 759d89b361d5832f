package org.forkline.sip.internal.call;

import org.forkline.api.media.MediaService;
import org.forkline.api.storage.RecordingService;
import org.forkline.api.storage.RecordingUserService;
import org.forkline.api.storage.StorageStatus;

/** The other bundles' services a call needs. */
public record CallServices(MediaService media, RecordingService recordings, RecordingUserService users,
        StorageStatus storage) {
}
