package io.videostore.config.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.ContextConfig;
import io.videostore.config.DatabaseConfig;
import io.videostore.config.InstanceConfig;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.NotifyConfig;
import io.videostore.config.ServerConfig;
import io.videostore.config.StorageConfig;
import io.videostore.config.VideoConfig;
import io.videostore.config.WebConfig;
import io.videostore.config.WebhooksConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Loads and validates {@code config.yml} into an {@link AppConfig}; errors name the key
 * path and line.
 * <p>
 * Any scalar written as {@code ${NAME}} is replaced by the environment variable NAME (an
 * error if unset). Every key can be overridden by a variable named after its path, or one
 * of the older names, as {@link ConfigEnvironment} describes; a {@code VIDEOSTORE_*}
 * variable that matches no key is warned about.
 * <p>
 * {@code webhooks.queue_size <= 0} meant an unbounded queue in the original service; it
 * becomes 1000.
 */
public final class ConfigLoader {

	private static final String TEMPLATE = "/config.yml.template";

	private final Map<String, String> env;

	private List<String> warnings = List.of();

	/**
	 * @param env the environment, {@code System.getenv()} in production
	 */
	public ConfigLoader(Map<String, String> env) {
		this.env = env;
	}

	/** Reads the file; an empty file means all defaults and the demo camera. */
	public AppConfig load(Path file) {
		ConfigContext context = new ConfigContext(file.getFileName().toString(), this.env);
		try {
			YamlMap root = root(parse(file, context), context);
			IxonApiConfig ixon = IxonApiReader.read(root.map("IXON_api"), context);
			VideoConfig video = VideoReader.read(root.map("video"), VideoConfig.DEFAULTS);
			WebhooksConfig webhooks = WebhooksReader.read(root.map("webhooks"), context);
			List<CameraConfig> cameras = new CameraListReader(video, context).read(root);
			DatabaseConfig database = DatabaseReader.read(root.map("database"), context);
			StorageConfig storage = StorageReader.read(root.map("storage"), context);
			NotifyConfig notify = NotifyReader.read(root.map("notify"));
			WebConfig web = WebReader.read(root.map("web"), context);
			InstanceConfig instance = InstanceReader.read(root.map("instance"));
			ContextConfig contextConfig = ContextReader.read(root.map("context"));
			ServerConfig server = ServerReader.read(root.map("server"));
			root.warnUnread();
			context.warnUnusedVariables();
			boolean demo = cameras.isEmpty();
			return new AppConfig(ixon, demo ? List.of(CameraConfig.demo(video)) : cameras, video, webhooks, database,
					storage, notify, web, instance, contextConfig, server, file, demo);
		}
		finally {
			this.warnings = context.warnings();
		}
	}

	/**
	 * What the last {@link #load(Path)} ignored or doubted, e.g. unknown keys, one
	 * sentence each.
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	/**
	 * Copies the bundled template to the file when it is missing, readable by its owner
	 * only.
	 */
	public static boolean ensureExists(Path file) {
		URL template = ConfigLoader.class.getResource(TEMPLATE);
		if (template == null) {
			throw new ConfigException("config.yml.template is missing from the application");
		}
		return ensureExists(file, template);
	}

	/** True when the template was copied, false when the file already existed. */
	static boolean ensureExists(Path file, URL template) {
		if (Files.exists(file)) {
			return false;
		}
		try (InputStream in = template.openStream()) {
			byte[] content = in.readAllBytes();
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			createOwnerOnly(file);
			Files.write(file, content);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new ConfigException(file + ": cannot be created from the template (" + ex + ")", ex);
		}
	}

	// Created with its permissions rather than chmod-ed afterwards, so secrets are never
	// world-readable.
	private static void createOwnerOnly(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
		}
	}

	private static Node parse(Path file, ConfigContext context) {
		// compose() builds nodes only, never objects: safe, and every value keeps its
		// line.
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		try (Reader reader = new UnicodeReader(Files.newInputStream(file))) {
			return yaml.compose(reader);
		}
		catch (MarkedYAMLException ex) {
			// No cause attached: SnakeYAML's full message quotes the offending line,
			// which may hold a secret.
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			String line = (mark != null) ? ":" + (mark.getLine() + 1) : "";
			throw new ConfigException(context.fileName() + line + ": invalid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new ConfigException(context.fileName() + ": invalid YAML: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new ConfigException(file + ": cannot be read (" + ex + ")", ex);
		}
	}

	private static YamlMap root(Node node, ConfigContext context) {
		if (node == null) {
			return YamlMap.empty(context, "", 1);
		}
		return new YamlValue(context, "", node.getStartMark().getLine() + 1, node)
			.map("a map of sections such as IXON_api and video");
	}

}
