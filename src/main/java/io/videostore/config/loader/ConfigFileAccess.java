package io.videostore.config.loader;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Whether a configuration file gives its secrets away: readable by group or others while
 * it holds a password, secret or token written out (a {@code ${NAME}} reference to an
 * environment variable is no secret).
 */
public final class ConfigFileAccess {

	/** Keys whose values are secrets, wherever they are in the file. */
	private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "secret_key", "otp_secret",
			"access_token");

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

	private static final Set<PosixFilePermission> OPEN = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.OTHERS_READ);

	private static final int MAX_DEPTH = 16;

	private ConfigFileAccess() {
	}

	/**
	 * One line for the log when the file is readable by group or others and holds a
	 * secret: the file, its mode, the keys and the fix; empty otherwise, and where the
	 * file system has no POSIX permissions.
	 */
	public static Optional<String> warning(Path file) {
		Set<PosixFilePermission> mode;
		try {
			mode = Files.getPosixFilePermissions(file);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return Optional.empty();
		}
		if (mode.stream().noneMatch(OPEN::contains)) {
			return Optional.empty();
		}
		List<String> secrets = secrets(file);
		if (secrets.isEmpty()) {
			return Optional.empty();
		}
		String who = mode.contains(PosixFilePermission.OTHERS_READ) ? "everyone" : "its group";
		return Optional.of(String.format(Locale.ROOT,
				"%s is readable by %s (mode %s) and holds secrets (%s): run chmod 600 %s, or move the secrets "
						+ "into environment variables",
				file, who, octal(mode), String.join(", ", secrets), file.toAbsolutePath()));
	}

	/** The key paths of the secrets written out in the file. */
	private static List<String> secrets(Path file) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<String> found = new ArrayList<>();
		try (Reader reader = new UnicodeReader(Files.newInputStream(file))) {
			collect(yaml.compose(reader), "", found, 0);
		}
		catch (IOException | YAMLException ex) {
			// Loading the file reports what is wrong with it.
		}
		return found;
	}

	private static void collect(Node node, String path, List<String> found, int depth) {
		if (depth > MAX_DEPTH) {
			return;
		}
		if (node instanceof MappingNode map) {
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key) {
					String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
					if (isSecret(key.getValue(), tuple.getValueNode())) {
						found.add(child);
					}
					collect(tuple.getValueNode(), child, found, depth + 1);
				}
			}
		}
		else if (node instanceof SequenceNode list) {
			for (int i = 0; i < list.getValue().size(); i++) {
				collect(list.getValue().get(i), path + "[" + i + "]", found, depth + 1);
			}
		}
	}

	private static boolean isSecret(String key, Node value) {
		if (!SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT)) || !(value instanceof ScalarNode scalar)) {
			return false;
		}
		String text = scalar.getValue().strip();
		return !text.isEmpty() && !REFERENCE.matcher(text).matches();
	}

	private static String octal(Set<PosixFilePermission> mode) {
		int bits = 0;
		for (PosixFilePermission p : mode) {
			bits |= 1 << (8 - p.ordinal());
		}
		return String.format(Locale.ROOT, "%03o", bits);
	}

}
