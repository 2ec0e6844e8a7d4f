package io.videostore.recording;

import java.time.Instant;
import java.util.Map;

import io.videostore.config.CameraConfig;

/**
 * Clips cut from a camera's pre-roll buffer instead of recorded on demand. Declared here
 * and implemented in {@code recording.preroll}, so the queue and workers do not depend on
 * the buffer's package (which depends on this one for ffmpeg).
 */
public interface PreRollClips {

	/** True when this camera's alarms are served from its buffer. */
	boolean buffers(CameraConfig camera);

	/**
	 * Keeps the buffer from deleting the footage of [from, to] until
	 * {@link #release(long)}: a job queued behind others must still find its pre-roll
	 * when its turn comes (within the buffer's hard cap).
	 */
	void hold(long jobId, CameraConfig camera, Instant from, Instant to);

	/** Ends a {@link #hold}; does nothing when there is none. */
	void release(long jobId);

	/**
	 * The clip for an alarm on a buffering camera, published as {@code clipName}; never
	 * throws for camera or ffmpeg problems (the result says what is missing and why).
	 * @param alarm the moment the alarm happened (its {@code createdOn}, UTC)
	 */
	RecordingResult record(CameraConfig camera, Instant alarm, String clipName) throws InterruptedException;

	/** Each buffering camera's state, for health. */
	Map<String, ?> states();

}
