package io.videostore.ixon;

import java.time.Duration;

import io.videostore.system.ExponentialBackoff;

/**
 * Capped exponential backoff with jitter, and IXON's {@code Retry-After}.
 */
final class Backoff {

	private final Duration base;

	private final Duration cap;

	private final Duration maxRetryAfter;

	Backoff(Duration base, Duration cap, Duration maxRetryAfter) {
		this.base = base;
		this.cap = cap;
		this.maxRetryAfter = maxRetryAfter;
	}

	/**
	 * Delay before attempt {@code failedAttempt + 1}: base·2^(n-1), capped, then a random
	 * point in its upper half ("equal jitter": spreads clients out yet never retries at
	 * once).
	 */
	Duration delay(int failedAttempt) {
		return ExponentialBackoff.delay(base, cap, failedAttempt - 1);
	}

	/**
	 * Delay asked for by a 429's {@code Retry-After} (delta-seconds; an HTTP date or
	 * garbage falls back to the backoff), or null when IXON asks for longer than we are
	 * willing to wait.
	 */
	Duration retryAfter(String header, int failedAttempt) {
		if (header == null || header.isBlank()) {
			return delay(failedAttempt);
		}
		try {
			Duration asked = Duration.ofSeconds(Long.parseLong(header.strip()));
			return (asked.compareTo(maxRetryAfter) > 0) ? null : asked;
		}
		catch (NumberFormatException ex) {
			return delay(failedAttempt);
		}
	}

	static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IxonException(IxonException.Kind.UNREACHABLE, "interrupted while waiting to retry an IXON call");
		}
	}

}
