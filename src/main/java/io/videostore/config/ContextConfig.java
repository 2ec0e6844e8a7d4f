package io.videostore.config;

import java.time.Duration;

/**
 * The machine's logged signals shown beside each alarm's clip ({@code context.*}).
 *
 * @param enabled false to fetch nothing (the exact alarm time neither)
 * @param grace how long after the clip's window the signals are fetched: the router
 * uploads its log in batches
 * @param margin how much more than the clip's window is fetched, on either side
 * @param maxTags at most this many tags per alarm, when neither the camera's
 * {@code context.tags} nor the alarm's formula say which
 */
public record ContextConfig(boolean enabled, Duration grace, Duration margin, int maxTags) {

	public static final ContextConfig DEFAULTS = new ContextConfig(true, Duration.ofSeconds(60), Duration.ofSeconds(5),
			12);

}
