package io.videostore.clips;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A clip with a copy on the local disk, as retention sees it.
 *
 * @param id the clip's id
 * @param path its file
 * @param sizeBytes its size when it was stored
 * @param createdAt when it was stored
 * @param uploaded true when a copy is in the cloud too
 * @param protectedClip true when it must never be deleted automatically
 */
public record LocalClip(long id, Path path, long sizeBytes, Instant createdAt, boolean uploaded,
		boolean protectedClip) {

}
