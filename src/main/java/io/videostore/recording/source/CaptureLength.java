package io.videostore.recording.source;

import java.time.Duration;

/**
 * How long a running recording should be. Another alarm for the same camera may extend it
 * while it captures (up to a cap), so one clip covers both alarms. Only recordings whose
 * frames we pump can be extended: for the others ffmpeg's own {@code -t} decides, and
 * {@link #extendTo} says no.
 */
public final class CaptureLength {

	/** A clip grows to at most this many times its configured length. */
	static final int MAX_FACTOR = 3;

	private final Duration max;

	private Duration target;

	private boolean extensible = true;

	private CaptureLength(Duration base, Duration max) {
		this.target = base;
		this.max = max;
	}

	/**
	 * A window of the configured duration that alarms may extend up to
	 * {@value #MAX_FACTOR} times that.
	 */
	public static CaptureLength of(Duration duration) {
		return new CaptureLength(duration, duration.multipliedBy(MAX_FACTOR));
	}

	/**
	 * Asks for the recording to last {@code total} from its first frame.
	 * @return true when the recording will cover it
	 */
	public synchronized boolean extendTo(Duration total) {
		if (total.compareTo(target) <= 0) {
			return true;
		}
		if (!extensible || total.compareTo(max) > 0) {
			return false;
		}
		target = total;
		return true;
	}

	public synchronized Duration target() {
		return target;
	}

	/**
	 * Whether a frame arriving this long after the first still belongs in the clip. The
	 * first refusal fixes the length, atomically with {@link #extendTo}: an alarm is
	 * never told it is covered by a capture that has ended.
	 */
	public synchronized boolean admit(long nanosSinceFirstFrame) {
		if (nanosSinceFirstFrame < target.toNanos()) {
			return true;
		}
		extensible = false;
		return false;
	}

	public Duration max() {
		return max;
	}

	/**
	 * From now on the length is fixed: the feed cannot be stopped frame-exactly, or
	 * capturing is over.
	 */
	public synchronized void freeze() {
		extensible = false;
	}

}
