package io.videostore.config;

/**
 * A configuration problem the user must fix. The message names the key path, file and
 * line, and what was expected, e.g.
 * {@code video.duration at config.yml:14: expected a positive number of seconds, got 'ten'}.
 */
public class ConfigException extends RuntimeException {

	public ConfigException(String message) {
		super(message);
	}

	public ConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
