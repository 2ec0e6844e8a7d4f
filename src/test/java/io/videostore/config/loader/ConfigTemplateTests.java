package io.videostore.config.loader;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@code config.yml.template} and {@link ConfigLoader#ensureExists(Path)}.
 */
class ConfigTemplateTests {

	@TempDir
	Path dir;

	@Test
	void ensureExistsCopiesTheTemplateReadableByTheOwnerOnly() throws IOException {
		Path file = this.dir.resolve("conf/config.yml");
		assertThat(ConfigLoader.ensureExists(file, templateUrl())).isTrue();
		assertThat(file).hasSameTextualContentAs(ConfigFiles.TEMPLATE);
		assumeThat(this.dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void ensureExistsLeavesAnExistingFileAlone() throws IOException {
		Path file = Files.writeString(this.dir.resolve("config.yml"), "video: {duration: 5}\n");
		assertThat(ConfigLoader.ensureExists(file, templateUrl())).isFalse();
		assertThat(file).hasContent("video: {duration: 5}");
	}

	@Test
	void ensureExistsUsesTheTemplateOnTheClasspathOnceItIsPackaged() {
		assumeThat(ConfigLoader.class.getResource("/config.yml.template")).isNotNull();
		assertThat(ConfigLoader.ensureExists(this.dir.resolve("config.yml"))).isTrue();
	}

	@Test
	void commentedOutStorageInstanceContextNotifyAndWebExamplesInTheTemplateAreValid() throws IOException {
		String uncommented = Files.readAllLines(ConfigFiles.TEMPLATE)
			.stream()
			.dropWhile((line) -> !line.equals("storage:"))
			.map((line) -> line.replaceFirst("^(\\s*)# (\\s*(?:- )?\\w+:)", "$1$2"))
			.filter((line) -> !line.strip().startsWith("#"))
			.collect(Collectors.joining("\n"));
		ConfigLoader loader = new ConfigLoader(Map.of());
		AppConfig config = loader.load(ConfigFiles.write(this.dir, uncommented));
		assertThat(config.storage().s3().bucket()).isEqualTo("clips");
		assertThat(uncommented).contains("instance:", "takeover_after: 15", "context:", "max_tags: 12");
		assertThat(config.instance().takeoverAfter()).hasSeconds(15);
		assertThat(config.context().maxTags()).isEqualTo(12);
		assertThat(config.notifications().webhooks()).hasSize(1);
		assertThat(config.web().users()).extracting((u) -> u.name()).containsExactly("engineer");
		assertThat(config.server().trustedProxies()).containsExactly("127.0.0.1");
		assertThat(loader.warnings()).isEmpty();
	}

	@Test
	void commentedOutCameraExamplesInTheTemplateAreValid() throws IOException {
		// Uncomment the YAML lines of the examples, leaving the prose comments out.
		String examples = Files.readAllLines(ConfigFiles.TEMPLATE)
			.stream()
			.dropWhile((line) -> !line.equals("# camera:"))
			// The camera examples end where the next section starts.
			.takeWhile((line) -> line.isBlank() || line.startsWith("#"))
			.filter((line) -> line.startsWith("# "))
			.map((line) -> line.substring(2))
			.filter((line) -> line.startsWith(" ") || line.matches("cameras?:"))
			.collect(Collectors.joining("\n"));
		ConfigLoader loader = new ConfigLoader(Map.of("GATE_PASSWORD", "pw"));
		AppConfig config = loader.load(ConfigFiles.write(this.dir, examples));
		assertThat(config.cameras()).extracting(CameraConfig::id).containsExactly("hall", "gate", "yard", "test");
		assertThat(loader.warnings()).isEmpty();
	}

	private static URL templateUrl() throws IOException {
		return ConfigFiles.TEMPLATE.toUri().toURL();
	}

}
