package io.videostore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import picocli.CommandLine;

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
	void aConfigFileNamedWithConfigThatDoesNotExistIsAUsageErrorAndNothingIsCreated(CapturedOutput output) {
		Path typo = dir.resolve("confg.yml");

		assertThat(VideoStoreCommand.run("--config", typo.toString(), "-t")).isEqualTo(2);
		assertThat(output.getErr()).contains("error: --config " + typo + ": no such file");
		assertThat(typo).doesNotExist();
	}

	@Test
	void aConfigFileNamedByVideostoreConfigThatDoesNotExistIsAUsageError() {
		Path typo = dir.resolve("missing.yml");
		StringWriter err = new StringWriter();
		CommandLine cl = VideoStoreCommand.commandLine(Map.of("VIDEOSTORE_CONFIG", typo.toString()))
			.setErr(new PrintWriter(err, true));

		assertThat(cl.execute("-t")).isEqualTo(2);
		assertThat(err.toString()).contains("VIDEOSTORE_CONFIG=" + typo + ": no such file");
		assertThat(typo).doesNotExist();
	}

	@Test
	void configOptionWinsOverVideostoreConfig(CapturedOutput output) throws IOException {
		Path config = write("""
				video:
				  duration: ten
				""");
		CommandLine cl = VideoStoreCommand
			.commandLine(Map.of("VIDEOSTORE_CONFIG", dir.resolve("other.yml").toString()));

		assertThat(cl.execute("--config", config.toString(), "-t")).isEqualTo(2);
		assertThat(output.getErr()).contains("video.duration at config.yml:2");
	}

	@Test
	void completionPrintsABashScriptThatKnowsTheOptions() {
		StringWriter out = new StringWriter();
		CommandLine cl = VideoStoreCommand.commandLine(Map.of()).setOut(new PrintWriter(out, true));

		assertThat(cl.execute("--completion")).isZero();
		assertThat(out.toString()).startsWith("#!/usr/bin/env bash")
			.contains("complete -F", "--test-recording", "--configure", "--health", "--config");
	}

	@Test
	void healthSaysNotUpAndExitsOneWhenNothingAnswersOnThePort() throws IOException {
		int port;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			port = free.getLocalPort();
		}
		StringWriter err = new StringWriter();
		CommandLine cl = VideoStoreCommand.commandLine(Map.of("SERVER_PORT", String.valueOf(port)))
			.setErr(new PrintWriter(err, true));

		assertThat(cl.execute("--health")).isEqualTo(1);
		assertThat(err.toString())
			.contains("not up: no answer from http://127.0.0.1:" + port + "/actuator/health/liveness");
	}

	@Test
	void healthNeedsNoConfigFile() throws IOException {
		CommandLine cl = VideoStoreCommand.commandLine(Map.of("VIDEOSTORE_CONFIG", dir.resolve("none.yml").toString()))
			.setErr(new PrintWriter(new StringWriter(), true));

		assertThat(cl.execute("--health", "-p", "1")).isEqualTo(1);
		try (var files = Files.list(dir)) {
			assertThat(files).isEmpty();
		}
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
