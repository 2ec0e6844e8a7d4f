package io.videostore.ixon;

import java.time.Clock;
import java.time.Duration;

/**
 * Tuning of the IXON client: timeouts, retries, token lifetime, paging and how web access
 * is requested.
 *
 * @param connectTimeout longest wait for a TCP/TLS connection to the API
 * @param callTimeout longest wait for one API answer (IXON itself gives up after 50-60 s)
 * @param maxAttempts attempts per call for retryable failures (429, 5xx, I/O errors), at
 * least 1
 * @param backoffBase first retry delay; doubled per attempt, with equal jitter (see
 * system.Backoff)
 * @param backoffCap longest delay between two attempts
 * @param maxRetryAfter longest {@code Retry-After} honoured; a longer one fails the call
 * at once (IXON blocks for 10 minutes, longer than an alarm can wait)
 * @param retryBudget how long one call may spend on retries in all: a clip opened a few
 * seconds late is still worth having, one a minute late hardly
 * @param tokenLifetime {@code expiresIn} asked for minted access tokens
 * @param pageSize {@code page-size} of list calls (IXON's maximum is unconfirmed; its own
 * code uses 500)
 * @param webAccessMethod whether the web-access request carries {@code "method"}
 * @param applicationName sent as User-Agent, so IXON support can tell this service's
 * calls apart
 * @param clock time source for token expiry and TOTP codes
 */
public record IxonClientOptions(Duration connectTimeout, Duration callTimeout, int maxAttempts, Duration backoffBase,
		Duration backoffCap, Duration maxRetryAfter, Duration retryBudget, Duration tokenLifetime, int pageSize,
		WebAccessMethod webAccessMethod, String applicationName, Clock clock) {

	/**
	 * Defaults for the service: 10 s connect, 30 s per call, retries for up to 20 s (at
	 * most 12 attempts, 0.25 s doubling to 5 s apart), 1-day tokens, 500 items per page.
	 */
	public static final IxonClientOptions DEFAULTS = new IxonClientOptions(Duration.ofSeconds(10),
			Duration.ofSeconds(30), 12, Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(30),
			Duration.ofSeconds(20), Duration.ofDays(1), 500, WebAccessMethod.AUTO, "video-store-service",
			Clock.systemUTC());

	/**
	 * Whether the web-access request body carries {@code "method": "http"|"https"} next
	 * to the server. IXON's v1 required it; IXON's own v2 code omits it, and whether v2
	 * still accepts it is unconfirmed.
	 */
	public enum WebAccessMethod {

		/**
		 * Without it first (as IXON's v2 code); if IXON rejects the request over
		 * "method", once more with it.
		 */
		AUTO,
		/** Always send it. */
		ALWAYS,
		/** Never send it. */
		NEVER

	}

	public IxonClientOptions {
		if (maxAttempts < 1 || pageSize < 1) {
			throw new IllegalArgumentException("maxAttempts and pageSize must be at least 1");
		}
	}

	public IxonClientOptions withTimeouts(Duration connect, Duration call) {
		return new IxonClientOptions(connect, call, maxAttempts, backoffBase, backoffCap, maxRetryAfter, retryBudget,
				tokenLifetime, pageSize, webAccessMethod, applicationName, clock);
	}

	public IxonClientOptions withRetries(int attempts, Duration base, Duration cap, Duration retryAfterLimit) {
		return new IxonClientOptions(connectTimeout, callTimeout, attempts, base, cap, retryAfterLimit, retryBudget,
				tokenLifetime, pageSize, webAccessMethod, applicationName, clock);
	}

	public IxonClientOptions withRetryBudget(Duration budget) {
		return new IxonClientOptions(connectTimeout, callTimeout, maxAttempts, backoffBase, backoffCap, maxRetryAfter,
				budget, tokenLifetime, pageSize, webAccessMethod, applicationName, clock);
	}

	public IxonClientOptions withTokenLifetime(Duration lifetime) {
		return new IxonClientOptions(connectTimeout, callTimeout, maxAttempts, backoffBase, backoffCap, maxRetryAfter,
				retryBudget, lifetime, pageSize, webAccessMethod, applicationName, clock);
	}

	public IxonClientOptions withPageSize(int size) {
		return new IxonClientOptions(connectTimeout, callTimeout, maxAttempts, backoffBase, backoffCap, maxRetryAfter,
				retryBudget, tokenLifetime, size, webAccessMethod, applicationName, clock);
	}

	public IxonClientOptions withWebAccessMethod(WebAccessMethod method) {
		return new IxonClientOptions(connectTimeout, callTimeout, maxAttempts, backoffBase, backoffCap, maxRetryAfter,
				retryBudget, tokenLifetime, pageSize, method, applicationName, clock);
	}

	public IxonClientOptions withClock(Clock clock) {
		return new IxonClientOptions(connectTimeout, callTimeout, maxAttempts, backoffBase, backoffCap, maxRetryAfter,
				retryBudget, tokenLifetime, pageSize, webAccessMethod, applicationName, clock);
	}

}
