package io.videostore.config.loader;

import java.time.Duration;

import io.videostore.config.WebhooksConfig;

/**
 * Reads {@code webhooks.*}; the secret may instead come from
 * {@code VIDEOSTORE_WEBHOOK_SECRET}.
 */
final class WebhooksReader {

	/**
	 * What {@code queue_size <= 0} means: the original's unbounded queue, bounded to
	 * protect memory.
	 */
	static final int UNBOUNDED_QUEUE_SIZE = 1000;

	private WebhooksReader() {
	}

	static WebhooksConfig read(YamlMap webhooks, ConfigContext context) {
		WebhooksConfig defaults = WebhooksConfig.DEFAULTS;
		int queueSize = webhooks.value("queue_size")
			.map((value) -> value.wholeNumber("a whole number"))
			.orElse(defaults.queueSize());
		WebhooksConfig config = new WebhooksConfig((queueSize <= 0) ? UNBOUNDED_QUEUE_SIZE : queueSize,
				webhooks.value("workers").map(WebhooksReader::workers).orElse(defaults.workers()),
				webhooks.string("secret", defaults.secret()),
				webhooks.value("dedupe_window").map((value) -> value.seconds(true)).orElse(defaults.dedupeWindow()),
				webhooks.value("clock_skew").map(WebhooksReader::clockSkew).orElse(defaults.clockSkew()));
		webhooks.warnUnread();
		return config;
	}

	/**
	 * A clock off by more than this is a machine to fix (NTP), not something to buffer
	 * around.
	 */
	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

	private static Duration clockSkew(YamlValue value) {
		Duration skew = value.seconds(true);
		if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw value.error("at most " + MAX_CLOCK_SKEW.toSeconds() + " seconds (a clock further off should be "
					+ "fixed with NTP)");
		}
		return skew;
	}

	private static int workers(YamlValue value) {
		int workers = value.wholeNumber("a positive whole number");
		if (workers <= 0) {
			throw value.error("a positive whole number");
		}
		return workers;
	}

}
