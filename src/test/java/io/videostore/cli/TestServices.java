package io.videostore.cli;

import java.util.Map;

import io.videostore.config.AppConfig;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real service (as {@code java -jar app.jar} does) on a random port, for tests
 * in other packages.
 */
public final class TestServices {

	private TestServices() {
	}

	/**
	 * Without the webhook warm-up, which would only slow the tests' starts, and without
	 * retention, which would delete the clips tests look at on a nearly full disk.
	 */
	public static ConfigurableApplicationContext start(AppConfig config) {
		return start(config, Map.of("videostore.warmup.requests", "0", "videostore.retention.enabled", "false"));
	}

	public static ConfigurableApplicationContext start(AppConfig config, Map<String, Object> properties) {
		return ServiceLauncher.start(config, 0, false, properties);
	}

}
