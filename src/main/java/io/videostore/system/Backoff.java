package io.videostore.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with "equal jitter", the one used for IXON retries and
 * camera reconnects alike: many clients that failed together (cameras behind one IXON
 * agent that dropped) spread out, yet none retries at once.
 */
public final class Backoff {

	private final Duration base;

	private final Duration cap;

	private int failures;

	public Backoff(Duration base, Duration cap) {
		this.base = base;
		this.cap = cap;
	}

	/**
	 * The delay after {@code failures} earlier failures: base·2^failures, capped, then a
	 * random point in the upper half of that.
	 */
	public Duration delay(int failures) {
		long exp = this.base.toMillis() << Math.min(Math.max(failures, 0), 20);
		long capped = Math.max(1, Math.min(exp, this.cap.toMillis()));
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	/** The delay before the next attempt, counting one more failure. */
	public synchronized Duration next() {
		return delay(this.failures++);
	}

	/** After a success: the next failure starts from the base again. */
	public synchronized void reset() {
		this.failures = 0;
	}

}
