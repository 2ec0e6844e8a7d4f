package io.videostore.recording;

/**
 * What happened to an alarm offered to the recording queue for one camera.
 *
 * @param state queued (a new recording), joined (an overlapping recording of that camera will cover it),
 * or full (no room: nothing will be recorded)
 * @param jobId the alarm's job id for that camera (0 when full)
 * @param cameraId the camera
 */
public record Submission(State state, long jobId, String cameraId) {

	/** Outcomes of a submission. */
	public enum State {

		QUEUED, JOINED, FULL, STOPPING

	}

	public boolean accepted() {
		return state == State.QUEUED || state == State.JOINED;
	}

}
