package io.videostore.config.edit;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.videostore.config.AppConfig;
import io.videostore.config.ConfigException;
import io.videostore.config.loader.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The wizard's writes to config.yml: only the changed keys, everything else byte for
 * byte.
 */
class ConfigFileEditorTests {

	@TempDir
	Path dir;

	@Test
	void changesValuesInPlaceKeepingCommentsOrderQuotingAndOtherKeys() throws IOException {
		Path file = write("""
				# my notes 😀 about this camera
				IXON_api:
				  api_key: 'app'   # from support
				camera:
				  auth:
				    type: digest          # none | basic | digest
				    username: "viewer"
				    password: 'old'
				  company_id: ''
				  stream_path: '/old/path'   # keep this comment
				video:
				  duration: 10
				""");

		String text = ConfigFileEditor.open(file)
			.set("camera.company_id", "1111-2222")
			.set("camera.auth.password", "n3w 'secret': #1")
			.set("camera.auth.type", "basic")
			.set("camera.stream_path", "/axis-cgi/mjpg/video.cgi")
			.text();

		assertThat(text).isEqualTo("""
				# my notes 😀 about this camera
				IXON_api:
				  api_key: 'app'   # from support
				camera:
				  auth:
				    type: basic          # none | basic | digest
				    username: "viewer"
				    password: 'n3w ''secret'': #1'
				  company_id: '1111-2222'
				  stream_path: '/axis-cgi/mjpg/video.cgi'   # keep this comment
				video:
				  duration: 10
				""");
	}

	@Test
	void addsMissingKeysToTheirSectionAndMissingSectionsAtTheEnd() throws IOException {
		Path file = write("""
				IXON_api:
				  api_key: 'app'
				  email: 'me@example.com'

				# video settings follow
				video:
				  duration: 10
				""");

		String text = ConfigFileEditor.open(file)
			.set("IXON_api.password", "pw")
			.set("camera.auth.type", "digest")
			.set("camera.company_id", "c1")
			.set("camera.auth.username", "viewer")
			.text();

		assertThat(text).isEqualTo("""
				IXON_api:
				  api_key: 'app'
				  email: 'me@example.com'
				  password: 'pw'

				# video settings follow
				video:
				  duration: 10
				camera:
				  auth:
				    type: digest
				    username: 'viewer'
				  company_id: 'c1'
				""");
	}

	@Test
	void fillsEmptySectionsFlowMapsAndEmptyFiles() throws IOException {
		Path file = write("""
				IXON_api:
				camera:
				  auth: {type: digest, username: viewer}
				  stream_path: ~
				""");

		String text = ConfigFileEditor.open(file)
			.set("IXON_api.api_key", "app")
			.set("camera.auth.password", "pw")
			.set("camera.stream_path", "/s")
			.text();

		assertThat(text).isEqualTo("""
				IXON_api:
				  api_key: 'app'
				camera:
				  auth: {type: digest, username: viewer, password: 'pw'}
				  stream_path: '/s'
				""");
		assertThat(ConfigFileEditor.open(dir.resolve("missing.yml")).set("camera.company_id", "c").text())
			.isEqualTo("camera:\n  company_id: 'c'\n");
	}

	@Test
	void valuesReadBackExactlyWhateverTheyContain() {
		List<String> values = List.of("yes", "123", "null", "~", " lead", "a: b # c", "it's", "tab\there", "\"q\"",
				"-dash", "@at", "[x]", "{y}", "ünï");
		ConfigFileEditor editor = ConfigFileEditor.open(dir.resolve("config.yml"));
		Map<String, String> set = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			set.put("IXON_api.k" + i, values.get(i));
		}

		Object loaded = new org.yaml.snakeyaml.Yaml().load(editor.setAll(set).text());

		@SuppressWarnings("unchecked")
		Map<String, Object> ixon = (Map<String, Object>) ((Map<String, Object>) loaded).get("IXON_api");
		for (int i = 0; i < values.size(); i++) {
			assertThat(ixon.get("k" + i)).isEqualTo(values.get(i));
		}
	}

	@Test
	void saveWritesOwnerOnlyAtomicallyAndALegacyFileKeepsItsMeaning() throws IOException {
		Path file = dir.resolve("config.yml");
		Files.copy(legacyExample(), file);

		ConfigFileEditor.open(file).set("camera.webaccess_service_id", "srvNew").set("camera.stream_path", "/x").save();

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(dir)) {
			assertThat(files).containsExactly(file);
		}
		AppConfig config = new ConfigLoader(Map.of()).load(file);
		assertThat(config.cameras()).singleElement().satisfies((c) -> {
			assertThat(c.webaccessServiceId()).isEqualTo("srvNew");
			assertThat(c.streamPath()).isEqualTo("/x");
			assertThat(c.companyId()).isEqualTo("1111-2222-3333-4444-5555");
		});
		assertThat(Files.readString(file)).contains("# A config.yml as users of the original Python service have it",
				"type: digest          # none | basic | digest");
	}

	@Test
	void anEditThatWouldBreakTheFileIsRefusedAndTheFileKept() throws IOException {
		Path file = write("video:\n  duration: 10\n");

		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigFileEditor.open(file).set("video.duration", "ten").save())
			.withMessageContaining("video.duration");
		assertThat(Files.readString(file)).isEqualTo("video:\n  duration: 10\n");
		try (var files = Files.list(dir)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void aFileThatCannotBeReplacedByRenameIsRewrittenInPlace() throws IOException {
		// A config.yml bind-mounted on its own into a container: rename onto it fails
		// (EBUSY).
		Path file = Files.writeString(dir.resolve("config.yml"), "camera:\n  stream_path: /old\n");
		Object inode = Files.getAttribute(file, "unix:ino");

		ConfigFileEditor.open(file).set("camera.stream_path", "/new").movingWith((tmp, target) -> {
			throw new FileSystemException(target.toString(), null, "Device or resource busy");
		}).save();

		assertThat(Files.readString(file)).isEqualTo("camera:\n  stream_path: '/new'\n");
		assertThat(Files.getAttribute(file, "unix:ino")).as("the same file, rewritten").isEqualTo(inode);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(dir)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("config.yml");
		}
	}

	@Test
	void anInvalidResultIsNotWrittenInPlaceEither() throws IOException {
		Path file = Files.writeString(dir.resolve("config.yml"), "video:\n  duration: 10\n");

		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> ConfigFileEditor.open(file).set("video.duration", "ten").movingWith((tmp, target) -> {
				throw new FileSystemException(target.toString(), null, "Device or resource busy");
			}).save());

		assertThat(Files.readString(file)).isEqualTo("video:\n  duration: 10\n");
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(this.dir.resolve("config.yml"), yaml);
	}

	private static Path legacyExample() {
		try {
			return Path.of(ConfigFileEditorTests.class.getResource("/config/legacy-config.yml").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
