package io.videostore.config.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;

/**
 * Test helpers: writes a config.yml and loads it.
 */
final class ConfigFiles {

	/** The top-level template; surefire runs in the project folder. */
	static final Path TEMPLATE = Path.of("config.yml.template");

	private ConfigFiles() {
	}

	static Path write(Path dir, String yaml) {
		try {
			return Files.writeString(dir.resolve("config.yml"), yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static AppConfig load(Path dir, String yaml) {
		return load(dir, yaml, Map.of());
	}

	static AppConfig load(Path dir, String yaml, Map<String, String> env) {
		return new ConfigLoader(env).load(write(dir, yaml));
	}

	/** Asserts that loading the YAML fails with exactly this message; returns it. */
	static String assertError(Path dir, String yaml, String message) {
		Path file = write(dir, yaml);
		return org.assertj.core.api.Assertions.assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new ConfigLoader(Map.of()).load(file))
			.withMessage(message)
			.actual()
			.getMessage();
	}

	static Path legacyExample() {
		try {
			return Path.of(ConfigFiles.class.getResource("/config/legacy-config.yml").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
