package io.videostore.recording.preroll;

import java.time.Duration;

import io.videostore.system.ExponentialBackoff;

/**
 * Capped exponential backoff with jitter: many cameras behind one IXON agent that dropped
 * together must not all reconnect in the same instant.
 */
final class Backoff {

	private final Duration min;

	private final Duration max;

	private int failures;

	Backoff(Duration min, Duration max) {
		this.min = min;
		this.max = max;
	}

	/**
	 * The delay before the next attempt: min·2ⁿ capped at max, then a random 50–100 % of
	 * it.
	 */
	Duration next() {
		return ExponentialBackoff.delay(min, max, failures++);
	}

	void reset() {
		failures = 0;
	}

}
