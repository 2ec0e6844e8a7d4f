package io.videostore.clips;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A clip waiting in the upload outbox, with what its object's metadata says.
 *
 * @param id the outbox row
 * @param clipId the clip
 * @param path the clip's local file
 * @param objectKey the key it gets in the bucket
 * @param sizeBytes its size when stored
 * @param attempts failed attempts so far
 * @param cameraId the camera
 * @param alarmId the alarm whose job made it, or null
 * @param deviceId the alarm's device id, or null
 * @param deviceName the alarm's device name, or null
 * @param createdOn the alarm's createdOn (UTC), or null
 * @param createdAt when the row was written
 */
public record PendingUpload(long id, long clipId, Path path, String objectKey, long sizeBytes, int attempts,
		String cameraId, Long alarmId, String deviceId, String deviceName, LocalDateTime createdOn, Instant createdAt) {

}
