package io.videostore.config.edit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.videostore.config.ConfigException;
import io.videostore.config.loader.ConfigLoader;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Changes single keys of {@code config.yml} in place, keeping the user's comments,
 * ordering, quoting and every other key: the text is edited where SnakeYAML's node marks
 * say the value is, and missing sections are added. Hand-written because YAML libraries
 * that write files (SnakeYAML's dump) drop comments and reorder keys. The result is
 * checked with {@link ConfigLoader} and written atomically with owner-only permissions.
 */
public final class ConfigFileEditor {

	// Written plain; anything else is quoted so YAML never reads it as a number, boolean
	// or null.
	private static final Set<String> PLAIN = Set.of("none", "basic", "digest", "http", "https", "ixon", "url", "demo");

	private final Path file;

	private String text;

	private Mover mover = ConfigFileEditor::move;

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private ConfigFileEditor(Path file, String text) {
		this.file = file;
		this.text = text;
	}

	/** Reads the file (a missing one counts as empty). */
	public static ConfigFileEditor open(Path file) {
		try {
			return new ConfigFileEditor(file, Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (NoSuchFileException ex) {
			return new ConfigFileEditor(file, "");
		}
		catch (IOException ex) {
			throw new ConfigException(file + ": cannot be read (" + ex + ")", ex);
		}
	}

	/**
	 * Sets a scalar, creating missing parent sections.
	 * @param path dotted key path, e.g. {@code camera.auth.type}
	 */
	public ConfigFileEditor set(String path, String value) {
		List<String> keys = List.of(path.split("\\."));
		Node root = parse();
		if (!(root instanceof MappingNode map)) {
			if (root != null && !(root instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag()))) {
				throw new ConfigException(file.getFileName() + ": the top level is not a map of sections");
			}
			append(YamlText.block(keys, quote(value), 0));
			return this;
		}
		setIn(map, keys, 0, value, path);
		return this;
	}

	/** Sets several keys, in the map's order. */
	public ConfigFileEditor setAll(Map<String, String> values) {
		values.forEach(this::set);
		return this;
	}

	/** The edited text. */
	public String text() {
		return text;
	}

	/**
	 * Writes the edited text if it loads as a valid configuration; the old file stays if
	 * anything fails. The new file replaces the old one by an atomic rename; where the
	 * file cannot be replaced (a single-file Docker bind mount answers EBUSY) or its
	 * folder is not writable, it is rewritten in place instead, after the same check.
	 */
	public void save() {
		Path dir = file.toAbsolutePath().getParent();
		Path tmp = null;
		try {
			Files.createDirectories(dir);
			tmp = ownerOnlyTemp(dir);
			Path check = (tmp != null) ? tmp : Files.createTempFile("videostore-config-", ".yml", OWNER_ONLY);
			Files.writeString(check, text, StandardCharsets.UTF_8);
			try {
				new ConfigLoader(System.getenv()).load(check);
			}
			finally {
				if (tmp == null) {
					deleteQuietly(check);
				}
			}
			if (tmp != null && replaced(tmp)) {
				return;
			}
			rewriteInPlace();
		}
		catch (IOException ex) {
			throw new ConfigException(file + ": cannot be written (" + ex + ")", ex);
		}
		finally {
			deleteQuietly(tmp);
		}
	}

	/**
	 * A temporary file next to the target (same file system, so a rename is atomic), or
	 * null.
	 */
	private Path ownerOnlyTemp(Path dir) {
		try {
			return Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", OWNER_ONLY);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * False when the file cannot be replaced by a rename, e.g. EBUSY on a bind-mounted
	 * file.
	 */
	private boolean replaced(Path tmp) throws IOException {
		try {
			this.mover.move(tmp, file);
			return true;
		}
		catch (FileSystemException ex) {
			return false;
		}
	}

	private void rewriteInPlace() throws IOException {
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Not the file's owner, or no POSIX permissions: the file keeps those it had.
		}
	}

	/** How a finished temporary file replaces the target; replaceable in tests. */
	@FunctionalInterface
	interface Mover {

		void move(Path tmp, Path target) throws IOException;

	}

	ConfigFileEditor movingWith(Mover mover) {
		this.mover = mover;
		return this;
	}

	private void setIn(MappingNode map, List<String> keys, int depth, String value, String path) {
		NodeTuple tuple = find(map, keys.get(depth));
		if (tuple == null) {
			insertInto(map, keys.subList(depth, keys.size()), value);
			return;
		}
		Node node = tuple.getValueNode();
		boolean last = depth == keys.size() - 1;
		if (node instanceof MappingNode child && !last) {
			setIn(child, keys, depth + 1, value, path);
		}
		else if (node instanceof ScalarNode scalar && isEmpty(scalar)) {
			fillEmpty(tuple, keys.subList(depth + 1, keys.size()), value);
		}
		else if (node instanceof ScalarNode scalar && last) {
			replace(scalar, quote(value));
		}
		else {
			throw new ConfigException(file.getFileName() + ":" + (node.getStartMark().getLine() + 1) + ": cannot set "
					+ path + " because " + String.join(".", keys.subList(0, depth + 1)) + " has another shape");
		}
	}

	private void insertInto(MappingNode map, List<String> keys, String value) {
		if (map.getFlowStyle() == FlowStyle.FLOW) {
			int close = offset(map.getEndMark().getIndex()) - 1;
			String sep = map.getValue().isEmpty() ? "" : ", ";
			text = text.substring(0, close) + sep + YamlText.flow(keys, quote(value)) + text.substring(close);
			return;
		}
		int indent = map.getValue().get(0).getKeyNode().getStartMark().getColumn();
		insertAfterLine(YamlText.lastLine(map), YamlText.block(keys, quote(value), indent));
	}

	// `key:` with nothing (or ~/null) after it: the value goes on that line, or the
	// children below it.
	private void fillEmpty(NodeTuple tuple, List<String> children, String value) {
		ScalarNode empty = (ScalarNode) tuple.getValueNode();
		Node key = tuple.getKeyNode();
		int colon = text.indexOf(':', offset(key.getEndMark().getIndex()));
		boolean written = empty.getEndMark().getIndex() > empty.getStartMark().getIndex();
		int from = written ? offset(empty.getStartMark().getIndex()) : colon + 1;
		int to = written ? offset(empty.getEndMark().getIndex()) : colon + 1;
		if (children.isEmpty()) {
			text = text.substring(0, from) + (written ? "" : " ") + quote(value) + text.substring(to);
			return;
		}
		text = text.substring(0, from) + text.substring(to);
		insertAfterLine(key.getStartMark().getLine(),
				YamlText.block(children, quote(value), key.getStartMark().getColumn() + 2));
	}

	private void replace(ScalarNode scalar, String quoted) {
		int from = offset(scalar.getStartMark().getIndex());
		int to = offset(scalar.getEndMark().getIndex());
		text = text.substring(0, from) + quoted + text.substring(to);
	}

	private void insertAfterLine(int line, String block) {
		int at = YamlText.endOfLine(text, line);
		if (at == text.length()) {
			append(block);
			return;
		}
		text = text.substring(0, at + 1) + block + text.substring(at + 1);
	}

	private void append(String block) {
		text = (text.isEmpty() || text.endsWith("\n")) ? text + block : text + "\n" + block;
	}

	private Node parse() {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
		}
		catch (RuntimeException ex) {
			throw new ConfigException(file.getFileName() + ": not valid YAML, so it cannot be edited safely");
		}
	}

	// SnakeYAML marks count code points; Java strings count UTF-16 units.
	private int offset(int codePoints) {
		return text.offsetByCodePoints(0, codePoints);
	}

	private static NodeTuple find(MappingNode map, String key) {
		NodeTuple found = null;
		for (NodeTuple tuple : map.getValue()) {
			if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
				found = tuple;
			}
		}
		return found;
	}

	private static boolean isEmpty(ScalarNode scalar) {
		return Tag.NULL.equals(scalar.getTag());
	}

	static String quote(String value) {
		if (PLAIN.contains(value)) {
			return value;
		}
		if (value.chars().anyMatch((c) -> c < 0x20 || c == 0x7F)) {
			return YamlText.doubleQuoted(value);
		}
		return "'" + value.replace("'", "''") + "'";
	}

	private static void move(Path tmp, Path target) throws IOException {
		try {
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path tmp) {
		try {
			if (tmp != null) {
				Files.deleteIfExists(tmp);
			}
		}
		catch (IOException ex) {
			// Only a leftover temp file, owner-only.
		}
	}

	/** Text helpers: where a node's content ends, and new keys as block or flow YAML. */
	private static final class YamlText {

		private YamlText() {
		}

		/**
		 * The last line (0-based) holding content of the node; comments and blank lines
		 * after it are not counted.
		 */
		static int lastLine(Node node) {
			if (node instanceof MappingNode map && map.getFlowStyle() != FlowStyle.FLOW && !map.getValue().isEmpty()) {
				NodeTuple last = map.getValue().get(map.getValue().size() - 1);
				return Math.max(last.getKeyNode().getEndMark().getLine(), lastLine(last.getValueNode()));
			}
			if (node instanceof SequenceNode seq && seq.getFlowStyle() != FlowStyle.FLOW && !seq.getValue().isEmpty()) {
				return lastLine(seq.getValue().get(seq.getValue().size() - 1));
			}
			int end = node.getEndMark().getLine();
			// Block scalars (| and >) end at the start of the next line.
			return (node.getEndMark().getColumn() == 0 && end > node.getStartMark().getLine()) ? end - 1 : end;
		}

		/**
		 * Index of the line break ending this 0-based line, or the text length for the
		 * last line.
		 */
		static int endOfLine(String text, int line) {
			int at = 0;
			for (int i = 0; i < line; i++) {
				int next = text.indexOf('\n', at);
				if (next < 0) {
					return text.length();
				}
				at = next + 1;
			}
			int end = text.indexOf('\n', at);
			return (end < 0) ? text.length() : end;
		}

		/** {@code k1:\n  k2: value\n} indented; ends with a line break. */
		static String block(List<String> keys, String value, int indent) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < keys.size(); i++) {
				out.append(" ".repeat(indent + 2 * i)).append(keys.get(i)).append(':');
				out.append((i == keys.size() - 1) ? " " + value + "\n" : "\n");
			}
			return out.toString();
		}

		/** {@code k1: {k2: value}} for insertion into a flow mapping. */
		static String flow(List<String> keys, String value) {
			String out = value;
			for (int i = keys.size() - 1; i > 0; i--) {
				out = "{" + keys.get(i) + ": " + out + "}";
			}
			return keys.get(0) + ": " + out;
		}

		static String doubleQuoted(String value) {
			StringBuilder out = new StringBuilder("\"");
			for (char c : value.toCharArray()) {
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\t' -> out.append("\\t");
					default ->
						out.append((c < 0x20 || c == 0x7F) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
				}
			}
			return out.append('"').toString();
		}

	}

}
