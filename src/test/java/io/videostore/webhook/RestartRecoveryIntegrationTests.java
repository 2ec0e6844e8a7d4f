package io.videostore.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.videostore.testcam.FakeRtspCamera;
import io.videostore.testcam.RequiresRtspServer;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service is killed with SIGKILL in the middle of a recording and started again: the
 * alarm and its job are in the index with a reason, no ffmpeg is left running, and no
 * file sits under a final name that is not a finished clip.
 */
class RestartRecoveryIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void killDuringRecordingThenRestartKeepsTheCapturedFootageRecordsTheQueuedAlarmAndLeavesNoDebris()
			throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none())) {
			Path videos = dir.resolve("videos");
			Path config = dir.resolve("config.yml");
			// Two cameras, one worker: an alarm for both records one and queues the
			// other.
			Files.writeString(config, """
					cameras:
					  - id: press
					    url: %1$s
					  - id: gate
					    url: %1$s
					video:
					  duration: 8
					  output: %2$s
					webhooks:
					  workers: 1
					  secret: %3$s
					""".formatted(cam.uri(), videos, WebhookRig.SECRET));
			int port = freePort();

			Process first = startService(config, port);
			Process orphan = null;
			try {
				HttpResponse<String> r = post(port, WebhookRig.alarm("d1", "Press", WebhookRig.createdOn(0)));
				assertThat(r.statusCode()).isEqualTo(202);
				await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(state(videos, 1)));
				// Killed with a capture under way: some video is in its unfinished file.
				await().atMost(Duration.ofSeconds(10)).until(() -> partialBytes(videos) > 64 * 1024);
			}
			finally {
				first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			assertThat(state(videos, 2)).isEqualTo("queued");
			await().atMost(Duration.ofSeconds(15)).until(() -> ffmpegProcessesFor(videos).isEmpty());
			// What a finalize ffmpeg does after a kill -9: it reads a file, not a pipe,
			// so it
			// lives on, writing a job's work file (a stand-in with such arguments).
			orphan = new ProcessBuilder("sh", "-c", "sleep 600; true", "ffmpeg",
					videos.resolve(".partial/job-1.mp4").toString())
				.start();

			Process second = startService(config, port);
			try {
				assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as("the orphan is stopped at start").isTrue();
				await().atMost(Duration.ofSeconds(30)).until(() -> "partial".equals(state(videos, 1)));
				assertThat(reason(videos, 1))
					.startsWith("the service died during the recording (kill -9, crash or power loss); kept the ");
				// The alarm that never got its turn is recorded after the restart.
				await().atMost(Duration.ofSeconds(40)).until(() -> "done".equals(state(videos, 2)));
				assertThat(alarmCount(videos)).isEqualTo(1);
				await().atMost(Duration.ofSeconds(10)).until(() -> partialFiles(videos) == 0);
				try (Stream<Path> files = Files.list(videos)) {
					assertThat(files.map((f) -> f.getFileName().toString())).filteredOn((n) -> n.endsWith(".mp4"))
						.hasSize(2)
						.allMatch((n) -> n.endsWith("_Press_press.mp4") || n.endsWith("_Press_gate.mp4"));
				}
			}
			finally {
				stop(second);
				if (orphan != null) {
					orphan.destroyForcibly();
				}
			}
		}
	}

	@Test
	void aSecondServiceOnTheSameFolderStopsBeforeTouchingTheFirstOnesRecording() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none())) {
			Path videos = dir.resolve("videos");
			Path config = dir.resolve("config.yml");
			Files.writeString(config, """
					cameras:
					  - id: press
					    url: %s
					video:
					  duration: 20
					  output: %s
					webhooks:
					  secret: %s
					""".formatted(cam.uri(), videos, WebhookRig.SECRET));
			int port = freePort();
			Process first = startService(config, port);
			try {
				post(port, WebhookRig.alarm("d1", "Press", WebhookRig.createdOn(0)));
				await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(state(videos, 1)));

				Path log = dir.resolve("second.log");
				Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-cp", System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "--config",
						config.toString(), "-p", String.valueOf(freePort()))
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

				assertThat(second.exitValue()).isEqualTo(2);
				assertThat(Files.readString(log)).contains("error: another Video Store Service (pid " + first.pid()
						+ ") is using " + videos.toRealPath() + ": stop it first");
				assertThat(state(videos, 1)).as("the first one's recording is untouched").isEqualTo("running");
			}
			finally {
				stop(first);
			}
		}
	}

	/**
	 * The output folder as users write it: relative to the working directory (the
	 * default, {@code videos}), absolute, or an absolute path through a symbolic link. A
	 * concat list once named the set-aside segments relative to the working directory,
	 * ffmpeg read them relative to the list's folder, and the footage was lost.
	 */
	@ParameterizedTest(name = "{0} output folder")
	@ValueSource(strings = { "relative", "absolute", "symlinked" })
	void killWhileAPreRollClipWaitsForItsPostRollThenRestartCutsItFromTheFootageLeftOnDisk(String folder)
			throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none())) {
			Path videos = dir.resolve("videos");
			String output = switch (folder) {
				case "relative" -> "videos";
				case "absolute" -> videos.toString();
				default -> {
					Files.createDirectories(dir.resolve("disk/clips"));
					Files.createSymbolicLink(videos, dir.resolve("disk/clips"));
					yield videos.toString();
				}
			};
			Path config = dir.resolve("config.yml");
			Files.writeString(config, """
					cameras:
					  - id: press
					    url: %s
					video:
					  pre_roll: 4
					  post_roll: 30
					  output: %s
					webhooks:
					  secret: %s
					""".formatted(cam.uri(), output, WebhookRig.SECRET));
			int port = freePort();
			Path buffer = videos.resolve(".buffer").resolve("press");
			Process first = startService(config, port);
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> segmentFiles(buffer).size() >= 4);
				HttpResponse<String> r = post(port, WebhookRig.alarm("d1", "Press", WebhookRig.createdOn(0)));
				assertThat(r.statusCode()).isEqualTo(202);
				await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(state(videos, 1)));
				Thread.sleep(2000);
			}
			finally {
				first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}

			Process second = startService(config, port);
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> "partial".equals(state(videos, 1)));
				assertThat(reason(videos, 1)).startsWith("the service died during the recording (kill -9, crash or "
						+ "power loss); cut from the footage buffered before: ");
				String clip = query(videos, "select c.path from job j join clip c on c.id = j.clip_id where j.id = 1");
				double seconds = Double.parseDouble(
						query(videos, "select c.duration_s from job j join clip c on c.id = j.clip_id where j.id = 1"));
				assertThat(Path.of(clip)).exists();
				assertThat(seconds).as("the 4 s before the alarm and what followed until the kill").isGreaterThan(4.5);
				await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(buffer.resolve("previous")));
			}
			finally {
				stop(second);
			}
		}
	}

	@Test
	void killWhileBufferingThenRestartLeavesNoOrphanFfmpegAndNoOldSegments() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none())) {
			Path videos = dir.resolve("videos");
			Path config = preRollConfig("press", cam.uri(), videos);
			int port = freePort();
			Path buffer = videos.resolve(".buffer").resolve("press");
			killOnceBuffering(startService(config, port), buffer);
			await().atMost(Duration.ofSeconds(15)).until(() -> ffmpegProcessesFor(videos).isEmpty());

			java.nio.file.attribute.FileTime restart = java.nio.file.attribute.FileTime.from(java.time.Instant.now());
			Process second = startService(config, port);
			try {
				await().atMost(Duration.ofSeconds(20)).until(() -> segmentFiles(buffer).size() >= 1);
				// Segment names repeat from run to run; what matters is that none is left
				// from the killed one.
				for (Path segment : segmentFiles(buffer)) {
					assertThat(Files.getLastModifiedTime(segment)).isGreaterThan(restart);
				}
				assertThat(ffmpegProcessesFor(videos)).hasSize(1);
			}
			finally {
				stop(second);
			}
			await().atMost(Duration.ofSeconds(15)).until(() -> ffmpegProcessesFor(videos).isEmpty());
		}
	}

	@Test
	@RequiresRtspServer
	void killWhileBufferingAnRtspCameraThenRestartStopsTheOrphanFfmpegThatKeptRecording() throws Exception {
		try (FakeRtspCamera rtsp = FakeRtspCamera.start("none", "", "")) {
			Path videos = dir.resolve("videos");
			Path config = preRollConfig("line4", rtsp.uri(), videos);
			int port = freePort();
			Path buffer = videos.resolve(".buffer").resolve("line4");
			killOnceBuffering(startService(config, port), buffer);
			// ffmpeg reads RTSP itself: unlike a piped camera, it outlives the killed
			// JVM,
			// keeps the stream open and goes on writing segments.
			FileTime killed = FileTime.from(Instant.now());
			await().atMost(Duration.ofSeconds(15))
				.until(() -> segmentFiles(buffer).stream().anyMatch((f) -> lastModified(f).compareTo(killed) > 0));
			List<ProcessHandle> orphans = ffmpegHandlesFor(videos);
			assertThat(orphans).hasSize(1);

			Process second = startService(config, port);
			try {
				assertThat(orphans.get(0).onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
				await().atMost(Duration.ofSeconds(20)).until(() -> !segmentFiles(buffer).isEmpty());
				assertThat(ffmpegHandlesFor(videos)).hasSize(1).noneMatch((p) -> p.pid() == orphans.get(0).pid());
			}
			finally {
				stop(second);
				// Should the fix fail, do not leave the orphan recording.
				orphans.forEach(ProcessHandle::destroyForcibly);
			}
			await().atMost(Duration.ofSeconds(15)).until(() -> ffmpegProcessesFor(videos).isEmpty());
		}
	}

	/** A config with one pre-roll camera (4 s before, 2 s after) at {@code url}. */
	private Path preRollConfig(String cameraId, java.net.URI url, Path videos) throws IOException {
		Path config = dir.resolve("config.yml");
		Files.writeString(config, """
				cameras:
				  - id: %s
				    url: %s
				video:
				  pre_roll: 4
				  post_roll: 2
				  output: %s
				webhooks:
				  secret: %s
				""".formatted(cameraId, url, videos, WebhookRig.SECRET));
		return config;
	}

	/** Waits until the service has buffered two segments, then kills it with SIGKILL. */
	private static void killOnceBuffering(Process service, Path buffer) throws InterruptedException {
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> segmentFiles(buffer).size() >= 2);
		}
		finally {
			service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static List<Path> segmentFiles(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((f) -> f.getFileName().toString().startsWith("seg-")).toList();
		}
	}

	/** Stops a service with SIGTERM, as systemd or Docker would; SIGKILL after 40 s. */
	private static void stop(Process service) throws InterruptedException {
		service.destroy();
		if (!service.waitFor(40, TimeUnit.SECONDS)) {
			service.destroyForcibly();
		}
	}

	private Process startService(Path config, int port) throws IOException {
		ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "io.videostore.cli.VideoStoreCommand", "--config",
				config.toString(), "-p", String.valueOf(port));
		// A relative video.output is relative to the service's working directory.
		service.directory(dir.toFile());
		Process p = service.redirectErrorStream(true)
			.redirectOutput(dir.resolve("service-" + System.nanoTime() + ".log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> healthy(port));
		return p;
	}

	private static boolean healthy(int port) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook?token=" + WebhookRig.SECRET))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String state(Path videos, long jobId) throws Exception {
		return query(videos, "select state from job where id = " + jobId);
	}

	private static String reason(Path videos, long jobId) throws Exception {
		return query(videos, "select reason from job where id = " + jobId);
	}

	private static long alarmCount(Path videos) throws Exception {
		return Long.parseLong(query(videos, "select count(*) from alarm"));
	}

	private static String query(Path videos, String sql) throws Exception {
		Path db = videos.resolve(".videostore.db");
		if (!Files.exists(db)) {
			return null;
		}
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
				ResultSet rs = c.createStatement().executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (java.sql.SQLException ex) {
			return null;
		}
	}

	private static long partialBytes(Path videos) throws IOException {
		Path partial = videos.resolve(".partial");
		if (!Files.isDirectory(partial)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(partial)) {
			return files.mapToLong((f) -> f.toFile().length()).sum();
		}
	}

	private static FileTime lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static long partialFiles(Path videos) throws IOException {
		Path partial = videos.resolve(".partial");
		if (!Files.isDirectory(partial)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(partial)) {
			return files.count();
		}
	}

	private static List<ProcessHandle> ffmpegHandlesFor(Path videos) {
		return ProcessHandle.allProcesses()
			.filter((p) -> p.isAlive() && p.info().commandLine().orElse("").contains("ffmpeg")
					&& p.info().commandLine().orElse("").contains(videos.toString()))
			.toList();
	}

	private static List<String> ffmpegProcessesFor(Path videos) {
		return ProcessHandle.allProcesses()
			.map((p) -> p.info().commandLine().orElse(""))
			.filter((c) -> c.contains("ffmpeg") && c.contains(videos.toString()))
			.toList();
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
