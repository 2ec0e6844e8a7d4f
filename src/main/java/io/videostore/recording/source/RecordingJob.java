package io.videostore.recording.source;

import java.time.Instant;

import io.videostore.config.CameraConfig;

/**
 * A queued recording for one camera, triggered by one alarm (more alarms may join it).
 *
 * @param jobId the job's id in the index
 * @param alarmId the alarm that created it
 * @param camera the camera to record
 * @param window the wall-clock window its clip should show, anchored on the alarm
 * @param clipName the file name the clip should get
 * @param queuedAt when it was queued
 * @param length how long a capture records; later alarms for the camera may extend it
 * @param source where its clip comes from
 * @param note what happened to it before, for its reason (such as the instance that
 * recorded it first having died), or null
 */
public record RecordingJob(long jobId, long alarmId, CameraConfig camera, AlarmWindow window, String clipName,
		Instant queuedAt, CaptureLength length, ClipSource source, String note) {

	/** A job with nothing to say about its past. */
	public RecordingJob(long jobId, long alarmId, CameraConfig camera, AlarmWindow window, String clipName,
			Instant queuedAt, CaptureLength length, ClipSource source) {
		this(jobId, alarmId, camera, window, clipName, queuedAt, length, source, null);
	}

	/**
	 * How every job's work files in {@code .partial/} begin: the sources name them after
	 * the job ({@link #workName}), and a restart finds the ffmpeg processes a killed run
	 * left writing them by it.
	 */
	public static final String WORK_PREFIX = "job-";

	/** The name of a job's work files, without extension: the same in every source. */
	public static String workName(long jobId) {
		return WORK_PREFIX + jobId;
	}

	/** This job's {@link #workName(long)}. */
	public String workName() {
		return workName(this.jobId);
	}

}
