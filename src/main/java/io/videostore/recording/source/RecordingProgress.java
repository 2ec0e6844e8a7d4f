package io.videostore.recording.source;

/**
 * A live view of a running recording.
 *
 * @param seconds media seconds recorded so far
 * @param totalSeconds seconds requested
 * @param fps current frames per second
 * @param frames frames recorded so far
 * @param bytes bytes written so far
 */
public record RecordingProgress(double seconds, double totalSeconds, double fps, long frames, long bytes) {

	/** Receives progress reports about twice a second. */
	@FunctionalInterface
	public interface Listener {

		Listener NONE = (p) -> {
		};

		void onProgress(RecordingProgress progress);

		/**
		 * Called once when capturing is over, before the clip is finalized and reported.
		 */
		default void onCaptureEnded() {
		}

	}

}
