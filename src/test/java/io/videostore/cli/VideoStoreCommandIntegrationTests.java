package io.videostore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.videostore.clips.AlarmView;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.TestIndex;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command line end to end: --help in its own JVM, test recordings with the real
 * ffmpeg, and the service failing to start.
 */
@ExtendWith(OutputCaptureExtension.class)
@NoFfmpegLeftBehind
class VideoStoreCommandIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void helpPrintsUsageInItsOwnJvmWithoutLoadingSpring() throws Exception {
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-verbose:class", "-cp", System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand",
				"--help")
			.redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).isZero();
		assertThat(out).contains("Usage: video-store", "--test-recording", "--configure",
				"2   usage or configuration error");
		assertThat(out).doesNotContain("org.springframework.boot.SpringApplication ",
				"org.springframework.context.support", "org.apache.catalina");
	}

	@Test
	void testRecordingOfTheDemoCameraExitsZeroDescribesTheClipAndAddsItToTheIndexForTheUi(CapturedOutput output)
			throws IOException {
		Path config = write("""
				video:
				  duration: 2
				  output: %s
				""".formatted(dir.resolve("videos")));

		assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isZero();
		assertThat(output.getOut()).contains("using the built-in demo camera", "Clip saved: ", "h264 yuv420p 640x360",
				"(requested 2.0 s)");
		try (var files = Files.list(dir.resolve("videos"))) {
			assertThat(files.map((f) -> f.getFileName().toString()).toList())
				.anyMatch((n) -> n.endsWith("_test_demo.mp4"));
		}
		assertThat(output.getOut()).contains("in the index as alarm 1: /alarms/1");
		// --test-recording writes the SQLite index next to the clips, whatever the suite
		// runs on.
		try (TestIndex db = TestIndex.open(io.videostore.clips.TestDatabase.SQLITE, dir.resolve("videos"),
				java.time.Clock.systemUTC())) {
			AlarmView alarm = db.alarms.alarm(1).orElseThrow();
			assertThat(alarm.systemLabel()).isEqualTo("test-recording");
			JobView job = db.jobs.jobsForAlarm(1).get(0);
			assertThat(job.state()).isEqualTo(JobState.DONE);
			assertThat(db.clips.clip(job.clipId()).orElseThrow().path()).endsWith("_test_demo.mp4");
		}
	}

	@Test
	void testRecordingOfACameraThatRefusesTheLoginExitsOne(CapturedOutput output) throws IOException {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", "the-right-one"))) {
			Path config = write("""
					cameras:
					  - id: line4
					    source: url
					    url: %s
					    auth: { type: digest, username: admin, password: not-the-right-one }
					video:
					  duration: 2
					  output: %s
					""".formatted(cam.uri(), dir.resolve("videos")));

			assertThat(VideoStoreCommand.run("--config", config.toString(), "-t")).isEqualTo(1);
			assertThat(output.getOut()).contains("Recording failed: camera at " + cam.uri(), "refused the credentials");
			assertThat(output.getAll()).doesNotContain("not-the-right-one");
		}
	}

	@Test
	void portAlreadyInUseIsAUsageErrorSayingSo(CapturedOutput output) throws IOException {
		Path config = write("""
				video:
				  output: %s
				""".formatted(dir.resolve("videos")));
		try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("0.0.0.0"))) {
			int port = taken.getLocalPort();

			assertThat(VideoStoreCommand.run("--config", config.toString(), "-p", String.valueOf(port))).isEqualTo(2);
			assertThat(output.getErr()).contains("port " + port + " is already in use");
		}
	}

	@Test
	void databaseThisBuildCannotOpenStopsTheStartWithExitTwoAndNoStackTrace(CapturedOutput output) throws IOException {
		Path config = write("""
				video:
				  output: %s
				database:
				  url: jdbc:mysql://db/vs?password=hunter22
				""".formatted(dir.resolve("videos")));

		int port;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			port = free.getLocalPort();
		}

		assertThat(VideoStoreCommand.run("--config", config.toString(), "-p", String.valueOf(port))).isEqualTo(2);
		assertThat(output.getErr()).contains("error: database.url: this build has no JDBC driver for "
				+ "jdbc:mysql://db/vs?…; the bundled databases are SQLite (jdbc:sqlite:FILE) and PostgreSQL");
		assertThat(output.getAll()).doesNotContain("hunter22").doesNotContainPattern("(?m)^\\s+at [a-z]");
	}

	@Test
	void aSecondServiceOnTheSameSqliteIndexWithOtherFoldersStopsWithExitTwoNamingTheIndex(CapturedOutput output)
			throws Exception {
		Path index = dir.resolve("shared/index.db");
		String yaml = """
				video:
				  output: %s
				database:
				  url: jdbc:sqlite:%s
				""";
		Path first = dir.resolve("first.yml");
		Files.writeString(first, yaml.formatted(dir.resolve("videos-1"), index));
		Path second = write(yaml.formatted(dir.resolve("videos-2"), index));
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "--config",
				first.toString(), "-p", String.valueOf(freePort()))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("first.log").toFile());
		Process service = builder.start();
		try {
			Path lock = dir.resolve("shared/index.db.lock");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> Files.isRegularFile(lock) && Files.readString(lock).equals(String.valueOf(service.pid())));

			assertThat(VideoStoreCommand.run("--config", second.toString(), "-p", String.valueOf(freePort())))
				.isEqualTo(2);
			assertThat(output.getErr())
				.contains("error: another Video Store Service (pid " + service.pid() + ") is using the index database "
						+ index + ": stop it first, or give this one another " + "database.url");
			try (var files = Files.list(dir.resolve("videos-2"))) {
				assertThat(files.map((f) -> f.getFileName().toString())).as("nothing but its lock file")
					.containsExactly(".videostore.lock");
			}
		}
		finally {
			service.destroy();
			if (!service.waitFor(30, TimeUnit.SECONDS)) {
				service.destroyForcibly();
			}
		}
	}

	@Test
	void theDefaultConfigYmlIsCreatedFromTheTemplateOwnerOnly() throws Exception {
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "-t", "--camera", "nope")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(out).isEqualTo(2);
		Path config = dir.resolve("config.yml");
		assertThat(config).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
		assertThat(out).contains("created it from the template", "--camera nope: no camera with that id");
	}

	@Test
	void ctrlCDuringATestRecordingKeepsWhatWasRecordedAndSaysSo() throws Exception {
		Path videos = dir.resolve("videos");
		write("""
				video:
				  duration: 30
				  output: %s
				""".formatted(videos));
		Path log = dir.resolve("out.log");
		// Ctrl+C reaches the JVM only if SIGINT was not ignored when it started, and a
		// build started in the background (nohup, '&' in a script) passes that on.
		Process p = new ProcessBuilder("env", "--default-signal=INT",
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "-t")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("fps"));
			Thread.sleep(2000);

			new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();

			// Generous: stopping ffmpeg and finalizing the partial clip took over 30 s
			// once
			// on a busy 2-core machine; the output says where it was when it did not end.
			boolean exited = p.waitFor(60, TimeUnit.SECONDS);
			String out = Files.readString(log);
			assertThat(exited).as("exited within 60 s of Ctrl+C; its output:%n%s", out).isTrue();
			assertThat(out).contains("Stopping: keeping what was recorded so far", "Partial clip saved: ");
			try (var partial = Files.list(videos.resolve(".partial"))) {
				assertThat(partial).isEmpty();
			}
			try (var clips = Files.list(videos)) {
				assertThat(clips.filter((f) -> f.toString().endsWith(".mp4"))).hasSize(1);
			}
		}
		finally {
			p.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			return free.getLocalPort();
		}
	}

	private Path write(String yaml) throws IOException {
		Path config = dir.resolve("config.yml");
		Files.writeString(config, yaml);
		return config;
	}

}
