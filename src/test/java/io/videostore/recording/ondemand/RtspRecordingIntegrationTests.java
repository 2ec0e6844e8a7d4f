package io.videostore.recording.ondemand;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.testcam.CommandLineSampler;
import io.videostore.testcam.FakeRtspCamera;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.RequiresRtspServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Records a real RTSP camera ({@link FakeRtspCamera}: gst-rtsp-server with Digest auth,
 * H.264). Needs Debian's GStreamer RTSP packages, which {@code .ci/run} installs.
 */
@RequiresRtspServer
@NoFfmpegLeftBehind
class RtspRecordingIntegrationTests {

	static final String PASSWORD = "rtsp p@ss:word";

	static FakeRtspCamera server;

	@TempDir
	Path videos;

	@BeforeEach
	void startRtspCameraOnce() throws Exception {
		if (server == null) {
			server = FakeRtspCamera.start("digest", "admin", PASSWORD);
		}
	}

	@AfterAll
	static void stopRtspCamera() throws InterruptedException {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void rtspDigestCameraRecordsItsH264WithoutPuttingThePasswordInTheArguments() throws Exception {
		Set<String> commandLines = ConcurrentHashMap.newKeySet();
		RecordingResult r;
		try (CommandLineSampler sampler = new CommandLineSampler(commandLines,
				(process) -> process.pid() != server.process().pid())) {
			r = record(new CameraAuth(AuthType.DIGEST, "admin", PASSWORD));
		}

		assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.COMPLETE);
		ClipProbe p = new Ffprobe(RecorderIntegrationTests.LOCATOR.locate("auto")).probe(r.clip()).orElseThrow();
		assertThat(p.codec()).isEqualTo("h264");
		assertThat(p.pixelFormat()).isEqualTo("yuv420p");
		assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.5));
		assertThat(p.frames()).isBetween(25L, 35L);
		assertThat(commandLines).anyMatch((c) -> c.contains("ffmpeg") && c.contains("ffconcat"));
		assertThat(commandLines).noneMatch((c) -> c.contains("p@ss") || c.contains("p%40ss"));
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
			return Recorder.create(RecorderIntegrationTests.LOCATOR, sources)
				.record(camera, "rtsp.mp4", RecordingProgress.Listener.NONE);
		}
	}

}
