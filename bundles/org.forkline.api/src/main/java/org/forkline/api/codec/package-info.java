/**
 * Codec SPI: a bundle adds a codec by registering an {@link org.forkline.api.codec.AudioCodec} service.
 * The media bundle decodes with every registered codec and the SIP bundle offers all of them.
 */
@Export
@Version("1.0.0")
package org.forkline.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
