package io.videostore.recording;

/**
 * What happened to an alarm offered to the recording queue for one camera.
 *
 * @param state queued (a new recording), joined (an overlapping recording of that camera
 * will cover it), expired (the alarm is too old to record anything relevant), full (no
 * room: nothing will be recorded) or stopping (the service is shutting down)
 * @param jobId the alarm's job id for that camera (0 when full)
 * @param cameraId the camera
 */
public record Submission(State state, long jobId, String cameraId) {

	/** Outcomes of a submission. */
	public enum State {

		QUEUED, JOINED, EXPIRED, FULL, STOPPING

	}

	public boolean accepted() {
		return state == State.QUEUED || state == State.JOINED;
	}

}
