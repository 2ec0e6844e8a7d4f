package io.videostore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Session}: what the user is told at start about the configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionTests {

	static final String WITH_PASSWORD = """
			camera:
			  company_id: '1234-5678'
			  webaccess_service_id: 'abcd'
			  auth: {type: digest, username: viewer, password: 'hunter2'}
			""";

	@TempDir
	Path dir;

	@Test
	void aWorldReadableConfigWithAPasswordGivesOneWarningAtStart(CapturedOutput output) throws IOException {
		Path file = write("rw-r--r--");

		Session.open(ConfigFile.choose(file, Map.of()), Map.of());

		assertThat(output.getAll().lines().filter((l) -> l.contains("WARN") && l.contains("chmod 600 " + file)))
			.singleElement()
			.asString()
			.contains("mode 644")
			.contains("camera.auth.password")
			.doesNotContain("hunter2");
	}

	@Test
	void anOwnerOnlyConfigWithAPasswordGivesNoWarning(CapturedOutput output) throws IOException {
		Session.open(ConfigFile.choose(write("rw-------"), Map.of()), Map.of());

		assertThat(output.getAll()).doesNotContain("chmod");
	}

	private Path write(String mode) throws IOException {
		Path file = Files.writeString(this.dir.resolve("config.yml"), WITH_PASSWORD);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
		return file;
	}

}
