package io.videostore.cli;

import java.nio.file.Path;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.loader.ConfigFileAccess;
import io.videostore.config.loader.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded configuration for this run, after telling the user what they need to know
 * about it: a file created from the template, keys that were ignored, secrets in a file
 * others can read, the demo camera standing in.
 */
record Session(AppConfig config) {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	static Session open(ConfigFile chosen, Map<String, String> env) {
		chosen.requireExisting();
		Path file = chosen.path();
		if (chosen.createdWhenMissing() && ConfigLoader.ensureExists(file)) {
			log.info("{} did not exist: created it from the template (owner-only permissions); edit it to add "
					+ "your cameras", file);
		}
		ConfigLoader loader = new ConfigLoader(env);
		AppConfig config = loader.load(file);
		loader.warnings().forEach((w) -> log.warn("{}", w));
		ConfigFileAccess.warning(file).ifPresent(log::warn);
		if (config.demoFallback()) {
			log.info("No camera configured in {}: using the built-in demo camera (test pattern with a UTC clock)",
					file);
		}
		return new Session(config);
	}

}
