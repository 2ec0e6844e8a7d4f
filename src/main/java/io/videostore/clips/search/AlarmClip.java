package io.videostore.clips.search;

import java.time.Instant;

/**
 * A clip as the API shows it: its file's name only, never the folder it is in.
 *
 * @param id the clip id
 * @param cameraId the camera it was recorded from
 * @param fileName the name of its file
 * @param durationSeconds probed duration
 * @param frames probed frame count
 * @param codec video codec
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param sizeBytes file size
 * @param windowStart the first moment it shows
 * @param windowEnd the last moment it shows
 * @param createdAt when it was stored
 * @param location {@code local}, {@code cloud}, {@code both} or {@code deleted}
 * @param protectedClip true when retention never deletes it
 * @param deletedReason why its local copy went, or null
 */
public record AlarmClip(long id, String cameraId, String fileName, double durationSeconds, long frames, String codec,
		int width, int height, long sizeBytes, Instant windowStart, Instant windowEnd, Instant createdAt,
		String location, boolean protectedClip, String deletedReason) {

}
