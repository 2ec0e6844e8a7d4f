package io.videostore.recording.ondemand;

import java.time.Duration;

import io.videostore.recording.source.ClipSource;

/**
 * The time a recording has left once the service stops. A stop interrupts the recording
 * thread when the stop's grace period is over; from then on the recording has
 * {@link ClipSource#CUT_SHORT_GRACE} to keep what it has, and every step after the
 * capture (probe, re-encode, remux) is bounded by what is left of it. The interrupt is
 * consumed, as a capture does, so that the steps that keep the footage can still run
 * ffmpeg.
 */
final class StopBudget {

	/**
	 * Of the grace after the interrupt, what is kept back for publishing the clip and
	 * writing the job's outcome into the index.
	 */
	private static final Duration MARGIN = Duration.ofSeconds(3);

	private long deadline;

	private boolean stopping;

	/** The service is stopping from now on (a capture cut short by the stop says so). */
	void stopping() {
		if (!this.stopping) {
			this.stopping = true;
			this.deadline = System.nanoTime() + ClipSource.CUT_SHORT_GRACE.minus(MARGIN).toNanos();
		}
	}

	/**
	 * True when this thread was interrupted since the last call (the service is stopping
	 * from now on); consumes the interrupt.
	 */
	boolean interrupted() {
		if (Thread.interrupted()) {
			stopping();
			return true;
		}
		return false;
	}

	boolean isStopping() {
		return this.stopping;
	}

	/**
	 * How long the next step may take: {@code max} while the service runs, else what is
	 * left of the grace once {@code reserve} is kept back for the steps after it; null
	 * when nothing is left for it.
	 */
	Duration bound(Duration max, Duration reserve) {
		if (!this.stopping) {
			return max;
		}
		long left = this.deadline - System.nanoTime() - reserve.toNanos();
		return (left <= 0) ? null : (left < max.toNanos()) ? Duration.ofNanos(left) : max;
	}

}
