package io.videostore.config;

import java.time.Duration;

/**
 * Webhook intake settings ({@code webhooks.*}). {@link #toString()} hides the secret.
 *
 * @param queueSize pending recording jobs at most (default 10; {@code <= 0} in the file,
 * the original's "unbounded", becomes 1000)
 * @param workers recordings in parallel (default 2)
 * @param secret shared secret the webhook must carry; empty: requests from this machine
 * only
 * @param dedupeWindow repeated alarms within this window are stored as duplicates, not
 * recorded again (default 30 s)
 * @param clockSkew how far IXON's clock (an alarm's {@code createdOn}) may be off from
 * this machine's, either way (default 10 s): pre-roll buffers keep that much more
 * history, and a {@code createdOn} in the future is taken as the arrival time
 */
public record WebhooksConfig(int queueSize, int workers, String secret, Duration dedupeWindow, Duration clockSkew) {

	public static final WebhooksConfig DEFAULTS = new WebhooksConfig(10, 2, "", Duration.ofSeconds(30),
			Duration.ofSeconds(10));

	/** Whether a secret is set; without one, only this machine may post alarms. */
	public boolean hasSecret() {
		return this.secret != null && !this.secret.isEmpty();
	}

	@Override
	public String toString() {
		return "WebhooksConfig[queueSize=" + queueSize + ", workers=" + workers + ", secret=" + Secrets.mask(secret)
				+ ", dedupeWindow=" + dedupeWindow + ", clockSkew=" + clockSkew + "]";
	}

}
