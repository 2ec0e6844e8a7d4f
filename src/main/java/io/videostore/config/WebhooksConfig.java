package io.videostore.config;

import java.time.Duration;

/**
 * Webhook intake settings ({@code webhooks.*}). {@link #toString()} hides the secret.
 *
 * @param queueSize pending recording jobs at most (default 10; {@code <= 0} in the file, the original's
 * "unbounded", becomes 1000)
 * @param workers recordings in parallel (default 2)
 * @param secret shared secret the webhook URL must carry (may be empty until the webhook issue)
 * @param dedupeWindow repeated alarms within this window are linked, not re-recorded (default 30 s)
 */
public record WebhooksConfig(int queueSize, int workers, String secret, Duration dedupeWindow) {

	public static final WebhooksConfig DEFAULTS = new WebhooksConfig(10, 2, "", Duration.ofSeconds(30));

	@Override
	public String toString() {
		return "WebhooksConfig[queueSize=" + queueSize + ", workers=" + workers + ", secret=" + Secrets.mask(secret)
				+ ", dedupeWindow=" + dedupeWindow + "]";
	}

}
