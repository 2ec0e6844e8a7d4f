package io.videostore.recording.buffer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: many cameras behind one IXON agent that dropped together must not all
 * reconnect in the same instant.
 */
final class Backoff {

	private final Duration min;

	private final Duration max;

	private int failures;

	Backoff(Duration min, Duration max) {
		this.min = min;
		this.max = max;
	}

	/** The delay before the next attempt: min·2ⁿ capped at max, then a random 50–100 % of it. */
	Duration next() {
		long ceiling = min.toMillis() << Math.min(failures, 20);
		long capped = Math.min(ceiling, max.toMillis());
		failures++;
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	void reset() {
		failures = 0;
	}

}
