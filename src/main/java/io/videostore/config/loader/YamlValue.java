package io.videostore.config.loader;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.videostore.config.ConfigException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One value from config.yml with its key path and line, converted on demand; a bad value
 * becomes a {@link ConfigException} that names both.
 */
final class YamlValue {

	private static final Resolver RESOLVER = new Resolver();

	// Keys whose values never appear in a message, whatever is wrong with them.
	private static final Set<String> SECRET_KEYS = Set.of("api_key", "password", "otp_secret", "access_token", "secret",
			"secret_key", "access_key");

	private final ConfigContext context;

	private final String path;

	private final int line;

	private final Node node;

	private final String text;

	private final Tag tag;

	/** The environment variable this value came from, or null when it is the file's. */
	private final String variable;

	YamlValue(ConfigContext context, String path, int line, Node node) {
		this.context = context;
		this.path = path;
		this.line = line;
		this.node = node;
		this.variable = null;
		if (node instanceof ScalarNode scalar) {
			this.text = context.substitute(path, line, scalar.getValue());
			// A substituted value is typed as if written plainly, so `${DURATION}` can
			// still be a number.
			this.tag = this.text.equals(scalar.getValue()) ? scalar.getTag()
					: RESOLVER.resolve(NodeId.scalar, this.text, true);
		}
		else {
			this.text = null;
			this.tag = node.getTag();
		}
	}

	/** A value from an environment variable, typed as if written plainly in the file. */
	private YamlValue(ConfigContext context, String path, String variable, String text) {
		this.context = context;
		this.path = path;
		this.line = 0;
		this.variable = variable;
		this.tag = RESOLVER.resolve(NodeId.scalar, text, true);
		this.node = new ScalarNode(this.tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
		this.text = text;
	}

	static YamlValue fromEnvironment(ConfigContext context, String path, String variable, String text) {
		return new YamlValue(context, path, variable, text);
	}

	String path() {
		return this.path;
	}

	/**
	 * Where the value was written, for messages: the key and file line, or the variable.
	 */
	String where() {
		return (this.variable != null) ? this.path + " (environment variable " + this.variable + ")"
				: this.context.where(this.path, this.line);
	}

	int line() {
		return this.line;
	}

	boolean isNull() {
		return Tag.NULL.equals(this.tag);
	}

	/**
	 * Any scalar as text; YAML numbers keep the digits as written, e.g. a numeric company
	 * id.
	 */
	String string() {
		return scalar("a string");
	}

	String scalar(String expected) {
		if (!(this.node instanceof ScalarNode)) {
			throw error(expected);
		}
		return this.text;
	}

	/**
	 * A YAML boolean as SnakeYAML resolves it (true/false, yes/no, on/off), quoted or
	 * not.
	 */
	boolean bool() {
		String value = scalar("true or false").strip();
		if (!Resolver.BOOL.matcher(value).matches()) {
			throw error("true or false");
		}
		return Set.of("true", "yes", "on").contains(value.toLowerCase(Locale.ROOT));
	}

	/** A number; a quoted one is accepted because legacy files often quote numbers. */
	BigDecimal number(String expected) {
		try {
			return new BigDecimal(scalar(expected).strip().replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw error(expected);
		}
	}

	Duration seconds(boolean zeroAllowed) {
		String expected = zeroAllowed ? "zero or a positive number of seconds" : "a positive number of seconds";
		BigDecimal seconds = number(expected);
		try {
			Duration duration = Duration
				.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
			if (duration.isNegative() || (duration.isZero() && !zeroAllowed)) {
				throw error(expected);
			}
			return duration;
		}
		catch (ArithmeticException ex) {
			throw error(expected);
		}
	}

	private static final java.util.regex.Pattern SIZE = java.util.regex.Pattern
		.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(?:([KMGT])(?:I?B)?|B)?");

	private static final java.util.regex.Pattern AGE = java.util.regex.Pattern
		.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*([dhm])?");

	/**
	 * A size in bytes: a number with an optional unit, {@code 500MB}, {@code 20GB},
	 * {@code 1.5TB} (units of 1024), or plain bytes.
	 */
	long bytes() {
		String expected = "a size such as 500MB or 20GB";
		java.util.regex.Matcher m = SIZE.matcher(scalar(expected).strip().replace("_", ""));
		if (!m.matches()) {
			throw error(expected);
		}
		int shift = (m.group(2) == null) ? 0 : 10 * ("KMGT".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
		try {
			return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift))
				.setScale(0, RoundingMode.HALF_UP)
				.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw error(expected);
		}
	}

	/**
	 * An age: a number of days, hours or minutes, {@code 30d}, {@code 12h}, {@code 90m};
	 * a plain number is days.
	 */
	Duration age() {
		String expected = "an age such as 30d, 12h or 90m";
		java.util.regex.Matcher m = AGE.matcher(scalar(expected).strip());
		if (!m.matches()) {
			throw error(expected);
		}
		String unit = (m.group(2) == null) ? "d" : m.group(2).toLowerCase(Locale.ROOT);
		long minutesPer = switch (unit) {
			case "d" -> 24 * 60;
			case "h" -> 60;
			default -> 1;
		};
		try {
			long seconds = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(minutesPer * 60))
				.setScale(0, RoundingMode.HALF_UP)
				.longValueExact();
			if (seconds <= 0) {
				throw error(expected);
			}
			return Duration.ofSeconds(seconds);
		}
		catch (ArithmeticException ex) {
			throw error(expected);
		}
	}

	int wholeNumber(String expected) {
		try {
			return number(expected).intValueExact();
		}
		catch (ArithmeticException ex) {
			throw error(expected);
		}
	}

	/** One of the given words, case-insensitive, returned lower-case. */
	String oneOf(String expected, String... words) {
		String value = scalar(expected).strip().toLowerCase(Locale.ROOT);
		if (!List.of(words).contains(value)) {
			throw error(expected);
		}
		return value;
	}

	YamlMap map(String expected) {
		if (this.node instanceof MappingNode mapping) {
			return new YamlMap(this.context, this.path, mapping);
		}
		if (isNull()) {
			return YamlMap.empty(this.context, this.path, this.line);
		}
		throw error(expected);
	}

	List<YamlValue> items(String expected) {
		if (!(this.node instanceof SequenceNode sequence)) {
			throw error(expected);
		}
		List<YamlValue> items = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			items.add(new YamlValue(this.context, this.path + "[" + items.size() + "]",
					item.getStartMark().getLine() + 1, item));
		}
		return items;
	}

	/** A single string or a list of strings, as a list. */
	List<String> strings(String expected) {
		if (!(this.node instanceof SequenceNode)) {
			return isNull() ? List.of() : List.of(scalar(expected));
		}
		return items(expected).stream().filter((item) -> !item.isNull()).map((item) -> item.scalar(expected)).toList();
	}

	ConfigException error(String expected) {
		return new ConfigException(where() + ": expected " + expected + ", got " + got());
	}

	private String got() {
		if (this.node instanceof SequenceNode) {
			return "a list";
		}
		if (this.node instanceof MappingNode) {
			return "a map";
		}
		if (SECRET_KEYS.contains(this.path.substring(this.path.lastIndexOf('.') + 1))) {
			return "a value";
		}
		// Never echo credentials someone put inside a URL.
		return "'" + this.text.replaceAll("(?<=//)[^/@\\s]*@", "****@") + "'";
	}

}
