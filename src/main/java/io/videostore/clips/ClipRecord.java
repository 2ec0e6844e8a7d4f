package io.videostore.clips;

import java.time.Instant;

/**
 * A finished, verified clip to index.
 *
 * @param cameraId the camera it was recorded from
 * @param path where the file is (final name)
 * @param durationSeconds probed duration
 * @param frames probed frame count
 * @param codec video codec, such as {@code h264}
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param sizeBytes file size
 * @param windowStart start of the recorded time window
 * @param windowEnd end of the recorded time window
 * @param createdAt when the clip was finished
 */
public record ClipRecord(String cameraId, String path, double durationSeconds, long frames, String codec, int width,
		int height, long sizeBytes, Instant windowStart, Instant windowEnd, Instant createdAt) {

}
