package io.videostore.camera;

/**
 * Why a camera feed stopped delivering to ffmpeg.
 *
 * @param kind the category
 * @param detail a human-readable explanation without secrets
 * @param frames frames delivered
 * @param bytes bytes delivered
 */
public record StreamEnd(Kind kind, String detail, long frames, long bytes) {

	/** Categories of ending. */
	public enum Kind {

		/** ffmpeg stopped reading: it has what it asked for (normal end). */
		OUTPUT_CLOSED,
		/** The recording reached its length (normal end). */
		LENGTH_REACHED,
		/** The feed was closed by us (normal end). */
		CLOSED,
		/** The camera ended the stream. */
		ENDED,
		/** The camera sent nothing for longer than the stall timeout. */
		STALLED,
		/** The stream broke (reset, garbage). */
		FAILED,
		/**
		 * This instance may no longer stream the camera: it could not prove it still
		 * holds the camera's lease ({@link StreamLicence}).
		 */
		FENCED

	}

	/** True when the camera, not our side, stopped the stream. */
	public boolean cameraStopped() {
		return kind == Kind.ENDED || kind == Kind.STALLED || kind == Kind.FAILED;
	}

	/**
	 * True when the end, not ffmpeg, explains a short recording: the camera stopped, or
	 * this instance was fenced.
	 */
	public boolean explainsShortRecording() {
		return cameraStopped() || kind == Kind.FENCED;
	}

}
