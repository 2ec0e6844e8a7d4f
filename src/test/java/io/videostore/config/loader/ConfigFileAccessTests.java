package io.videostore.config.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigFileAccess}: a config.yml with secrets that others can read is
 * warned about.
 */
class ConfigFileAccessTests {

	static final String WITH_PASSWORD = """
			IXON_api:
			  api_key: 'app-key'
			  email: 'ops@example.com'
			  password: 'hunter2'
			webhooks:
			  secret: 'long-random'
			""";

	@TempDir
	Path dir;

	@Test
	void aConfigReadableByEveryoneWithAPasswordIsWarnedAboutWithItsModeAndTheFix() throws IOException {
		Path file = write(WITH_PASSWORD, "rw-r--r--");

		assertThat(ConfigFileAccess.warning(file)).hasValueSatisfying((w) -> assertThat(w).contains(file.toString())
			.contains("readable by everyone (mode 644)")
			.contains("IXON_api.password, webhooks.secret")
			.contains("chmod 600 " + file.toAbsolutePath())
			.doesNotContain("hunter2")
			.doesNotContain("long-random"));
	}

	@Test
	void aConfigReadableByItsGroupIsWarnedAboutToo() throws IOException {
		Path file = write(WITH_PASSWORD, "rw-r-----");

		assertThat(ConfigFileAccess.warning(file))
			.hasValueSatisfying((w) -> assertThat(w).contains("readable by its group (mode 640)"));
	}

	@Test
	void anOwnerOnlyConfigIsNotWarnedAbout() throws IOException {
		assertThat(ConfigFileAccess.warning(write(WITH_PASSWORD, "rw-------"))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "camera:\n  auth: {type: digest, username: viewer, password: '${CAM_PASSWORD}'}\n",
			"IXON_api:\n  api_key: 'app-key'\n  password: ''\n", "video:\n  duration: 10\n", "" })
	void aConfigWithoutSecretsWrittenOutIsNotWarnedAbout(String yaml) throws IOException {
		assertThat(ConfigFileAccess.warning(write(yaml, "rw-r--r--"))).isEmpty();
	}

	@Test
	void secretsAnywhereInTheFileCount() throws IOException {
		Path file = write("""
				cameras:
				  - id: gate
				    auth: {type: digest, username: viewer, password: 'cam'}
				storage:
				  s3: {access_key: 'AKIA', secret_key: 'sk'}
				""", "rw-r--r--");

		assertThat(ConfigFileAccess.warning(file))
			.hasValueSatisfying((w) -> assertThat(w).contains("cameras[0].auth.password, storage.s3.secret_key"));
	}

	private Path write(String yaml, String mode) throws IOException {
		Path file = Files.writeString(this.dir.resolve("config.yml"), yaml);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
		return file;
	}

}
