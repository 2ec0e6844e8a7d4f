package io.videostore.recording;

/**
 * What happened to an alarm offered to the recording queue for one camera.
 *
 * @param state queued (a new recording), joined (an overlapping recording of that camera
 * will cover it), expired (the alarm is too old to record anything relevant), full (no
 * room: nothing will be recorded) or stopping (the service is shutting down)
 * @param jobId the alarm's job id for that camera (0 when full)
 * @param cameraId the camera
 * @param why when full: which share of the queue has no room and why (empty when the
 * whole queue of a single instance is full); else null
 */
public record Submission(State state, long jobId, String cameraId, String why) {

	public Submission(State state, long jobId, String cameraId) {
		this(state, jobId, cameraId, (state == State.FULL) ? "" : null);
	}

	/** Outcomes of a submission. */
	public enum State {

		QUEUED, JOINED, EXPIRED, FULL, STOPPING

	}

	public boolean accepted() {
		return state == State.QUEUED || state == State.JOINED;
	}

}
