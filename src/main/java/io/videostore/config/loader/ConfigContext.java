package io.videostore.config.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.videostore.config.ConfigException;

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

	/**
	 * Every variable name a key was looked up under, to spot variables that match none.
	 */
	private final Set<String> consulted = new HashSet<>();

	/**
	 * Variable-name prefixes of sections accepted without being read (reserved for
	 * later).
	 */
	private final Set<String> reserved = new HashSet<>();

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
		this.consulted.add(name);
		String value = this.env.get(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The value that overrides the key at {@code path}: its own variable (see
	 * {@link ConfigEnvironment#variableFor}) or, when that is unset, the first set one of
	 * the older alias names; empty when none is set.
	 */
	Optional<YamlValue> override(String path, String... aliases) {
		List<String> names = new ArrayList<>();
		names.add(ConfigEnvironment.variableFor(path));
		names.addAll(List.of(aliases));
		for (String name : names) {
			String value = env(name);
			if (value != null) {
				return Optional.of(YamlValue.fromEnvironment(this, path, name, value));
			}
		}
		return Optional.empty();
	}

	/** Marks a section whose keys are accepted but not read yet, nor their variables. */
	void reserve(String path) {
		this.reserved.add(ConfigEnvironment.variableFor(path) + "_");
	}

	/**
	 * Warns about {@code VIDEOSTORE_*} variables that override no key: most likely a
	 * typo, which would otherwise go unnoticed while the file's value is used.
	 */
	void warnUnusedVariables() {
		this.env.keySet()
			.stream()
			.filter((name) -> name.startsWith(ConfigEnvironment.PREFIX))
			.filter((name) -> !this.consulted.contains(name) && !ConfigEnvironment.NOT_KEYS.contains(name))
			.filter((name) -> this.reserved.stream().noneMatch(name::startsWith))
			.sorted()
			.forEach((name) -> warn("environment variable " + name + " matches no configuration key (ignored)"));
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
