package io.videostore.cli;

import java.util.HashMap;
import java.util.Map;

import io.videostore.clips.TestDatabase;
import io.videostore.config.AppConfig;
import io.videostore.testcam.LocalPostgres;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the real service (as {@code java -jar app.jar} does) on a random port, for tests
 * in other packages; with {@code VIDEOSTORE_TEST_DATABASE=postgresql} (see
 * {@link TestDatabase#suite()}) its index is the PostgreSQL database of its output folder
 * (so a restart finds it again) unless the configuration names one.
 */
public final class TestServices {

	private TestServices() {
	}

	/**
	 * Without retention, which would delete the clips tests look at on a nearly full
	 * disk.
	 */
	public static ConfigurableApplicationContext start(AppConfig config) {
		return start(config, Map.of("videostore.retention.enabled", "false"));
	}

	public static ConfigurableApplicationContext start(AppConfig config, Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(properties);
		if (TestDatabase.suite() == TestDatabase.POSTGRESQL && config.database().isDefault()) {
			LocalPostgres.Database database = TestDatabase.postgresqlFor(config.video().output());
			all.put("VIDEOSTORE_DATABASE_URL", database.url());
			all.put("VIDEOSTORE_DATABASE_USERNAME", database.username());
			all.put("VIDEOSTORE_DATABASE_PASSWORD", database.password());
		}
		return ServiceLauncher.start(config, 0, false, all);
	}

}
