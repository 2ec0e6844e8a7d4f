package io.videostore.recording.preroll.buffer;

import java.time.Instant;

/**
 * What a camera's buffer is doing, for health and metrics.
 *
 * @param kind the state
 * @param since when this state began (for RECONNECTING: the first failed moment, kept
 * across attempts)
 * @param detail the last error for RECONNECTING, the reason for FAILED, else empty
 */
public record BufferState(Kind kind, Instant since, String detail) {

	/** Buffer states. */
	public enum Kind {

		/** Opening the camera for the first time. */
		STARTING,
		/** Segments are arriving. */
		BUFFERING,
		/** The stream broke or stalled; reopening with backoff. */
		RECONNECTING,
		/** Gave up: retrying cannot help (configuration or ffmpeg missing). */
		FAILED,
		/** Closed on purpose. */
		CLOSED

	}

	static BufferState starting(Instant now) {
		return new BufferState(Kind.STARTING, now, "");
	}

	static BufferState buffering(Instant now) {
		return new BufferState(Kind.BUFFERING, now, "");
	}

	static BufferState reconnecting(Instant since, String lastError) {
		return new BufferState(Kind.RECONNECTING, since, lastError);
	}

	static BufferState failed(Instant now, String reason) {
		return new BufferState(Kind.FAILED, now, reason);
	}

	static BufferState closed(Instant now) {
		return new BufferState(Kind.CLOSED, now, "");
	}

}
