package io.videostore.recording;

import java.time.Instant;
import java.time.LocalDateTime;

import io.videostore.config.CameraConfig;

/**
 * A queued recording for one camera, triggered by one alarm (more alarms may join it).
 *
 * @param jobId the job's id in the index
 * @param alarmId the alarm that created it
 * @param camera the camera to record
 * @param createdOn the alarm's {@code createdOn} (UTC), as IXON sent it
 * @param alarmAt when the alarm happened by this machine's clock: {@code createdOn}, or
 * the arrival time when {@code createdOn} lies in the future (see {@link AlarmTime});
 * windows and start deadlines are measured from it
 * @param clipName the file name the clip should get
 * @param queuedAt when it was queued
 * @param window how long it records; later alarms for the camera may extend it
 */
public record RecordingJob(long jobId, long alarmId, CameraConfig camera, LocalDateTime createdOn, Instant alarmAt,
		String clipName, Instant queuedAt, RecordingWindow window) {
}
