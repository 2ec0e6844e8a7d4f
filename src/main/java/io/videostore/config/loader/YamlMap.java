package io.videostore.config.loader;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.videostore.config.ConfigException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One mapping of config.yml. Remembers which keys were read so the rest can be reported
 * as unknown.
 */
final class YamlMap {

	private final ConfigContext context;

	private final String path;

	private final int line;

	private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

	private final Set<String> read = new HashSet<>();

	YamlMap(ConfigContext context, String path, MappingNode node) {
		this(context, path, node.getStartMark().getLine() + 1);
		for (NodeTuple entry : node.getValue()) {
			add(entry);
		}
	}

	private YamlMap(ConfigContext context, String path, int line) {
		this.context = context;
		this.path = path;
		this.line = line;
	}

	static YamlMap empty(ConfigContext context, String path, int line) {
		return new YamlMap(context, path, line);
	}

	private void add(NodeTuple entry) {
		int keyLine = lineOf(entry);
		if (!(entry.getKeyNode() instanceof ScalarNode key)) {
			this.context.warn("unsupported key in " + this.context.where(this.path, keyLine) + " (ignored)");
			return;
		}
		// Python's safe_load lets the later duplicate win; keep that meaning but say so.
		if (this.entries.put(key.getValue(), entry) != null) {
			this.context.warn("duplicate key " + childPath(key.getValue()) + " at " + this.context.fileName() + ":"
					+ keyLine + " (the later one wins)");
		}
	}

	String path() {
		return this.path;
	}

	/**
	 * The line where this mapping starts, used when a required key is missing altogether.
	 */
	int line() {
		return this.line;
	}

	String childPath(String key) {
		return this.path.isEmpty() ? key : this.path + "." + key;
	}

	/**
	 * The value of the key: from the environment variable named after its path (or an
	 * older alias of it) when one is set, else from the file; empty when the key is
	 * missing or its value is null.
	 */
	Optional<YamlValue> value(String key) {
		return value(key, null);
	}

	/**
	 * As {@link #value(String)} for a key of one camera, whose older variables name the
	 * camera ({@code VIDEOSTORE_CAMERA_<ID>_PASSWORD}).
	 */
	Optional<YamlValue> value(String key, String cameraId) {
		String path = childPath(key);
		Optional<YamlValue> env = this.context.override(path,
				ConfigEnvironment.aliasesFor(path, cameraId).toArray(String[]::new));
		Optional<YamlValue> file = fileValue(key);
		return env.isPresent() ? env : file;
	}

	/**
	 * The value as written in the file, whatever the environment says: for sections and
	 * lists.
	 */
	Optional<YamlValue> fileValue(String key) {
		this.read.add(key);
		NodeTuple entry = this.entries.get(key);
		if (entry == null) {
			return Optional.empty();
		}
		YamlValue value = new YamlValue(this.context, childPath(key), lineOf(entry), entry.getValueNode());
		return value.isNull() ? Optional.empty() : Optional.of(value);
	}

	String string(String key, String fallback) {
		return value(key).map(YamlValue::string).orElse(fallback);
	}

	/** The nested mapping under the key, empty when the key is missing or null. */
	YamlMap map(String key) {
		return fileValue(key).map((value) -> value.map("a map of settings"))
			.orElseGet(() -> empty(this.context, childPath(key), this.line));
	}

	boolean has(String key) {
		return this.entries.containsKey(key);
	}

	boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/** The line of the key, or of this mapping when the key is missing. */
	int lineOf(String key) {
		NodeTuple entry = this.entries.get(key);
		return (entry != null) ? lineOf(entry) : this.line;
	}

	/** An error for a required value that is missing or blank. */
	ConfigException missing(String key, String expected) {
		return this.context.error(childPath(key), lineOf(key), expected, "''");
	}

	/**
	 * Accepts keys that are reserved for later without reading them, nor their variables.
	 */
	void ignore(String... keys) {
		this.read.addAll(List.of(keys));
		for (String key : keys) {
			this.context.reserve(childPath(key));
		}
	}

	void warnUnread() {
		this.entries.forEach((key, entry) -> {
			if (!this.read.contains(key)) {
				this.context.warn("unknown key " + childPath(key) + " at " + this.context.fileName() + ":"
						+ lineOf(entry) + " (ignored)");
			}
		});
	}

	private static int lineOf(NodeTuple entry) {
		return entry.getKeyNode().getStartMark().getLine() + 1;
	}

}
