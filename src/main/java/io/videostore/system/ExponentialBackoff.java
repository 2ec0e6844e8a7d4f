package io.videostore.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with "equal jitter", shared by IXON retries and camera
 * reconnects: many clients that failed together spread out, yet none retries at once.
 */
public final class ExponentialBackoff {

	private ExponentialBackoff() {
	}

	/**
	 * The delay after {@code failures} earlier failures: base·2^failures, capped, then a
	 * random point in the upper half of that.
	 */
	public static Duration delay(Duration base, Duration cap, int failures) {
		long exp = base.toMillis() << Math.min(Math.max(failures, 0), 20);
		long capped = Math.max(1, Math.min(exp, cap.toMillis()));
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

}
