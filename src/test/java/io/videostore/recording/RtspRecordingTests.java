package io.videostore.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.recording.RecordingResult.Cause;
import io.videostore.recording.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Records a real RTSP camera (gst-rtsp-server with Digest auth, H.264). Needs Debian's GStreamer RTSP packages,
 * which {@code .ci/run} installs; elsewhere the tests are skipped unless VIDEOSTORE_REQUIRE_RTSP_TESTS is set.
 */
class RtspRecordingTests {

	static final String PASSWORD = "rtsp p@ss:word";

	static Process server;

	static int port;

	@TempDir
	Path videos;

	@BeforeAll
	static void startRtspCamera() throws Exception {
		Path script = Path.of("src/test/resources/rtsp/fake_rtsp_camera.py").toAbsolutePath();
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		boolean available = new ProcessBuilder("/usr/bin/python3", "-c",
				"import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
			.redirectErrorStream(true).start().waitFor() == 0;
		if (System.getenv("VIDEOSTORE_REQUIRE_RTSP_TESTS") == null) {
			Assumptions.assumeTrue(available, "GStreamer RTSP server not installed (see .ci/run)");
		}
		server = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(port), "digest", "admin",
				PASSWORD).redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		assertThat(CompletableFuture.supplyAsync(() -> readLine(out)).get(20, TimeUnit.SECONDS)).isEqualTo("ready");
	}

	@AfterAll
	static void stopRtspCamera() throws InterruptedException {
		if (server != null) {
			server.destroy();
			server.waitFor(5, TimeUnit.SECONDS);
			server.destroyForcibly();
		}
	}

	@Test
	void rtspDigestCameraRecordsItsH264WithoutPuttingThePasswordInTheArguments() throws Exception {
		List<String> commandLines = new CopyOnWriteArrayList<>();
		CompletableFuture<RecordingResult> run = CompletableFuture
			.supplyAsync(() -> record(new CameraAuth(AuthType.DIGEST, "admin", PASSWORD)));
		while (!run.isDone()) {
			ProcessHandle.current().descendants().forEach((p) -> p.info().commandLine().ifPresent(commandLines::add));
			Thread.sleep(100);
		}
		RecordingResult r = run.get();

		assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.COMPLETE);
		ClipProbe p = new Ffprobe(RecorderIntegrationTests.LOCATOR.locate("auto")).probe(r.clip()).orElseThrow();
		assertThat(p.codec()).isEqualTo("h264");
		assertThat(p.pixelFormat()).isEqualTo("yuv420p");
		assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.5));
		assertThat(p.frames()).isBetween(25L, 35L);
		List<String> ffmpeg = commandLines.stream().filter((c) -> c.contains("ffmpeg")).toList();
		assertThat(ffmpeg).anyMatch((c) -> c.contains("ffconcat"));
		assertThat(ffmpeg).noneMatch((c) -> c.contains("p@ss") || c.contains("p%40ss"));
	}

	@Test
	void rtspWrongPasswordFailsAsRefusedCredentials() {
		RecordingResult r = record(new CameraAuth(AuthType.DIGEST, "admin", "wrong"));

		assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(r.cause()).isEqualTo(Cause.CAMERA_AUTH);
		assertThat(r.reason()).contains("refused the credentials").doesNotContain("wrong@");
	}

	private RecordingResult record(CameraAuth auth) {
		CameraConfig camera = new CameraConfig("rtsp", "RTSP camera", CameraSourceType.URL,
				"rtsp://127.0.0.1:" + port + "/stream1", auth, null, null, null, null, MatchRules.ALL,
				Cameras.video(videos, 3, true));
		try (CameraSources sources = CameraSources.direct()) {
			return new Recorder(RecorderIntegrationTests.LOCATOR, sources, new ClipStore()).record(camera, "rtsp.mp4",
					RecordingProgress.Listener.NONE);
		}
	}

	private static String readLine(BufferedReader r) {
		try {
			return r.readLine();
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
