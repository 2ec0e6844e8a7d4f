package io.videostore.recording.ondemand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.RecordingProgress;
import io.videostore.recording.RecordingResult;
import io.videostore.recording.RecordingResult.Cause;
import io.videostore.recording.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import io.videostore.testcam.FakeRtspCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Records a real RTSP camera ({@link FakeRtspCamera}: gst-rtsp-server with Digest auth,
 * H.264). Needs Debian's GStreamer RTSP packages, which {@code .ci/run} installs;
 * elsewhere the tests are skipped unless VIDEOSTORE_REQUIRE_RTSP_TESTS is set.
 */
class RtspRecordingTests {

	static final String PASSWORD = "rtsp p@ss:word";

	static FakeRtspCamera server;

	@TempDir
	Path videos;

	@BeforeAll
	static void startRtspCamera() throws Exception {
		server = FakeRtspCamera.start("digest", "admin", PASSWORD);
	}

	@AfterAll
	static void stopRtspCamera() throws InterruptedException {
		if (server != null) {
			server.close();
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
		CameraConfig camera = new CameraConfig("rtsp", "RTSP camera", CameraSourceType.URL, server.uri().toString(),
				auth, null, null, null, null, MatchRules.ALL, Cameras.video(videos, 3, true));
		try (CameraSources sources = CameraSources.direct()) {
			return new Recorder(RecorderIntegrationTests.LOCATOR, sources, new ClipStore()).record(camera, "rtsp.mp4",
					RecordingProgress.Listener.NONE);
		}
	}

}
