package io.videostore.recording.source;

import java.nio.file.Path;
import java.time.Instant;

import io.videostore.ffmpeg.ClipProbe;

/**
 * How a recording ended: a verified clip, a shorter clip than asked (kept, with the
 * reason), or no clip.
 *
 * @param outcome complete, partial or failed
 * @param cause why it is not complete ({@link Cause#NONE} when complete)
 * @param reason human-readable explanation, without secrets (null when complete)
 * @param clip the published clip, or null when failed
 * @param probe what ffprobe found in the clip, or null when failed
 * @param requestedSeconds the duration asked for
 * @param coveredFrom wall-clock time (UTC) of the clip's first frame; null exactly when
 * there is no clip
 * @param coveredTo wall-clock time (UTC) just after the clip's last frame; null exactly
 * when there is no clip
 */
public record RecordingResult(Outcome outcome, Cause cause, String reason, Path clip, ClipProbe probe,
		double requestedSeconds, Instant coveredFrom, Instant coveredTo) {

	public RecordingResult {
		if ((clip == null) != (coveredFrom == null) || (clip == null) != (coveredTo == null)) {
			throw new IllegalArgumentException("a clip needs its covered window, and only a clip has one");
		}
	}

	/** Overall verdict. */
	public enum Outcome {

		/** A verified clip of the requested length. */
		COMPLETE,
		/** A verified but shorter clip: the camera stopped early. */
		PARTIAL,
		/** No clip. */
		FAILED

	}

	/**
	 * Why a recording is not complete, for metrics and for deciding what the user must
	 * fix.
	 */
	public enum Cause {

		NONE, FFMPEG_MISSING, CAMERA_AUTH, CAMERA_NOT_FOUND, CAMERA_UNREACHABLE, CAMERA_BAD_RESPONSE,
		CAMERA_NOT_CONFIGURED, CAMERA_STALLED, CAMERA_ENDED, STREAM_BROKEN, FFMPEG_ERROR, TIMEOUT, STORAGE,
		/** This instance could not prove it still holds the camera's lease. */
		FENCED

	}

	public static RecordingResult failed(Cause cause, String reason, double requestedSeconds) {
		return new RecordingResult(Outcome.FAILED, cause, reason, null, null, requestedSeconds, null, null);
	}

	public boolean isComplete() {
		return outcome == Outcome.COMPLETE;
	}

}
