package io.videostore.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every reader of one load shares: the file name for messages, the environment and
 * the warnings.
 */
final class ConfigContext {

	// The whole value must be the reference: partial substitution would make URLs and
	// regexes ambiguous.
	private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private final String fileName;

	private final Map<String, String> env;

	private final List<String> warnings = new ArrayList<>();

	ConfigContext(String fileName, Map<String, String> env) {
		this.fileName = fileName;
		this.env = env;
	}

	String fileName() {
		return this.fileName;
	}

	List<String> warnings() {
		return List.copyOf(this.warnings);
	}

	/** The value of an environment variable when it is set and not empty, else null. */
	String env(String name) {
		String value = this.env.get(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The environment variable when it is set and not empty, else the value from the
	 * file.
	 */
	String envOr(String name, String fileValue) {
		String value = env(name);
		return (value != null) ? value : fileValue;
	}

	/**
	 * The text with a whole-value {@code ${NAME}} replaced by the environment variable
	 * NAME.
	 */
	String substitute(String path, int line, String text) {
		Matcher matcher = ENV_REFERENCE.matcher(text.strip());
		if (!matcher.matches()) {
			return text;
		}
		String name = matcher.group(1);
		String value = this.env.get(name);
		if (value == null) {
			throw new ConfigException(where(path, line) + ": environment variable " + name + " is not set");
		}
		return value;
	}

	ConfigException error(String path, int line, String expected, String got) {
		return new ConfigException(where(path, line) + ": expected " + expected + ", got " + got);
	}

	void warn(String message) {
		this.warnings.add(message);
	}

	String where(String path, int line) {
		return path.isEmpty() ? (this.fileName + ":" + line) : (path + " at " + this.fileName + ":" + line);
	}

}
