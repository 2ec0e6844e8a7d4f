package io.videostore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it: exit codes, messages, and --help that starts
 * nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class VideoStoreCommandTests {

	@TempDir
	Path dir;

	@Test
	void versionPrintsTheVersion(CapturedOutput output) {
		assertThat(VideoStoreCommand.run("--version")).isZero();
		assertThat(output.getOut()).startsWith("video-store ");
	}

	@Test
	void unknownOptionIsAUsageErrorWithExitCodeTwo(CapturedOutput output) {
		assertThat(VideoStoreCommand.run("--record-everything")).isEqualTo(2);
		assertThat(output.getErr()).contains("Unknown option: '--record-everything'");
	}

	@Test
	void portThatIsNotANumberIsAUsageError(CapturedOutput output) {
		assertThat(VideoStoreCommand.run("-p", "http")).isEqualTo(2);
		assertThat(output.getErr()).contains("'http' is not an int");
	}

	@Test
	void configErrorExitsTwoNamingKeyAndLineWithoutAStackTrace(CapturedOutput output) throws IOException {
		Path config = write("""
				video:
				  duration: ten
				""");

		assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isEqualTo(2);
		assertThat(output.getErr())
			.contains("video.duration at config.yml:2: expected a positive number of seconds, got 'ten'");
		assertThat(output.getAll()).doesNotContain("Exception", "\tat ");
	}

	@Test
	void missingConfigIsCreatedFromTheTemplateOwnerOnly(CapturedOutput output) throws IOException {
		Path config = dir.resolve("config.yml");

		int code = VideoStoreCommand.run("--config", config.toString(), "-t", "--camera", "nope");

		assertThat(code).isEqualTo(2);
		assertThat(config).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
		assertThat(output.getAll()).contains("created it from the template", "--camera nope: no camera with that id");
	}

	private Path write(String yaml) throws IOException {
		Path config = dir.resolve("config.yml");
		Files.writeString(config, yaml);
		return config;
	}

	static List<String> lines(String s) {
		return s.lines().toList();
	}

}
