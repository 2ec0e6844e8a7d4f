package io.videostore.recording.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.videostore.config.CameraConfig;

/**
 * Where a camera's clips come from: opened on demand ({@code recording.ondemand}) or cut
 * from a pre-roll buffer ({@code recording.preroll}). The queue and workers ask
 * {@code ClipSources.sourceFor} once per alarm and never branch on pre-roll themselves.
 */
public interface ClipSource {

	/**
	 * How long a recording has, once the service stops and interrupts it, to keep what it
	 * has and return its result (the workers then record it in the index and stop).
	 */
	Duration CUT_SHORT_GRACE = Duration.ofSeconds(15);

	/** Which lane a source's jobs wait in. */
	enum Lane {

		/**
		 * Captures opened when their turn comes: one per camera at a time, and an alarm
		 * for a camera with a capture queued or running joins or extends it.
		 */
		CAPTURE,
		/**
		 * Clips cut from footage that is being recorded anyway: side by side, each alarm
		 * its own clip, and mostly waiting for the window's end.
		 */
		CLIP

	}

	/** True when this source makes the camera's clips now. */
	boolean serves(CameraConfig camera);

	Lane lane();

	/**
	 * The window an alarm's clip shows.
	 * @param alarm when the alarm happened (see {@code recording.AlarmTime})
	 * @param now when it is queued
	 */
	AlarmWindow window(CameraConfig camera, Instant alarm, Instant now);

	/**
	 * Keeps the job's footage until {@link #release}: a job queued behind others must
	 * still find it when its turn comes.
	 */
	default void hold(RecordingJob job) {
	}

	/** Ends a {@link #hold}; does nothing when there is none. */
	default void release(RecordingJob job) {
	}

	/**
	 * Makes the job's clip and publishes it as {@code job.clipName()}. Never throws for
	 * camera or ffmpeg problems: the result says what is missing and why.
	 * @throws InterruptedException when the service stops before anything can be kept
	 */
	RecordingResult record(RecordingJob job) throws InterruptedException;

	/**
	 * Why a job that was under way when the service died did not finish, with the stage
	 * it died in ("during the recording", "while finalizing the clip").
	 */
	static String died(String stage) {
		return "the service died " + stage + " (kill -9, crash or power loss)";
	}

	/**
	 * Why a job that was running when the service died did not finish, with the stage the
	 * work files it left show; said before its {@link #salvage}.
	 */
	default String diedIn(RecordingJob job) {
		return died("during the recording");
	}

	/**
	 * The clip of a job that was running when the service died (kill -9, power loss),
	 * made from what the dead run left on disk; empty when nothing playable is left. Its
	 * work files are gone afterwards either way.
	 * @param startedAt when the job started
	 * @param why what happened, for the clip's reason
	 */
	default Optional<RecordingResult> salvage(RecordingJob job, Instant startedAt, String why) {
		return Optional.empty();
	}

	/**
	 * Called once at start, after the jobs of the previous run were recovered: what was
	 * kept for them can go.
	 */
	default void recovered() {
	}

	/** The camera's buffer, when this source keeps one for it. */
	default Optional<BufferStatus> buffer(String cameraId) {
		return Optional.empty();
	}

	/**
	 * Per camera, what the source is doing (for health); empty when it keeps no state.
	 */
	default Map<String, ?> states() {
		return Map.of();
	}

	/**
	 * This instance now owns the camera (on a shared database): a source that keeps a
	 * buffer for it starts it.
	 */
	default void own(CameraConfig camera) {
	}

	/**
	 * This instance no longer owns the camera: its buffer stops, and is gone (no stream
	 * left open) when this returns.
	 */
	default void disown(CameraConfig camera) {
	}

	/**
	 * This instance cannot prove it still holds the camera (it lost the database, or was
	 * paused, for most of a lease): no stream of it may go on. By default its buffer
	 * stops as in {@link #disown}; a source whose streams stop by themselves once the
	 * lease cannot be proven (pumped frame by frame) may keep its footage for the jobs
	 * that wait for it, and stream again once the lease is renewed.
	 */
	default void fenced(CameraConfig camera) {
		disown(camera);
	}

}
