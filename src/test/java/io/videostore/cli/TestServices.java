package io.videostore.cli;

import io.videostore.config.AppConfig;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real service (as {@code java -jar app.jar} does) on a random port, for tests
 * in other packages.
 */
public final class TestServices {

	private TestServices() {
	}

	public static ConfigurableApplicationContext start(AppConfig config) {
		return ServiceLauncher.start(config, 0, false);
	}

}
