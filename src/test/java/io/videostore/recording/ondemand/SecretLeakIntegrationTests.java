package io.videostore.recording.ondemand;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.testcam.CommandLineSampler;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camera passwords never reach ffmpeg's argument list (visible to every user through
 * {@code ps}) nor the log, even with ffmpeg's own output switched on.
 */
@ExtendWith(OutputCaptureExtension.class)
@NoFfmpegLeftBehind
class SecretLeakIntegrationTests {

	static final String PASSWORD = "Pa55-w0rd-never-shown";

	@TempDir
	Path videos;

	@Test
	void cameraPasswordIsInNeitherFfmpegArgumentsNorTheLog(CapturedOutput output) throws Exception {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", PASSWORD));
				CameraSources sources = CameraSources.direct()) {
			VideoConfig v = Cameras.video(videos, 3, true);
			VideoConfig debug = new VideoConfig(true, v.duration(), v.framerate(), true, v.ffmpegPath(), v.output(),
					v.preRoll(), v.postRoll(), v.stallTimeout());
			CameraConfig camera = Cameras.url(cam.uri(), new CameraAuth(AuthType.DIGEST, "admin", PASSWORD), debug);
			Set<String> commandLines = ConcurrentHashMap.newKeySet();

			RecordingResult result;
			try (CommandLineSampler sampler = new CommandLineSampler(commandLines)) {
				result = Recorder.create(RecorderIntegrationTests.LOCATOR, sources)
					.record(camera, "s.mp4", RecordingProgress.Listener.NONE);
			}

			assertThat(result.isComplete()).isTrue();
			assertThat(commandLines).anyMatch((c) -> c.contains("ffmpeg") && c.contains("pipe:0"));
			assertThat(commandLines).noneMatch((c) -> c.contains(PASSWORD));
			assertThat(output.getAll()).contains("[ffmpeg cam1]").doesNotContain(PASSWORD);
		}
	}

	@Test
	void rtspCredentialsGoToAnOwnerOnlyFileNotToTheArguments() throws Exception {
		CameraConfig camera = new CameraConfig("rtsp1", "RTSP", io.videostore.config.CameraSourceType.URL,
				"rtsp://127.0.0.1:8554/stream1", new CameraAuth(AuthType.DIGEST, "admin", PASSWORD), null, null, null,
				null, io.videostore.config.MatchRules.ALL, Cameras.video(videos, 2, false));
		try (CameraSources sources = CameraSources.direct(); CameraFeed feed = sources.open(camera)) {
			List<String> args = feed.ffmpegInput();
			Path list = Path.of(args.get(args.size() - 1));

			assertThat(String.join(" ", args)).doesNotContain(PASSWORD);
			assertThat(Files.readString(list)).contains("rtsp://admin:" + PASSWORD + "@127.0.0.1:8554/stream1");
			assertThat(Files.getPosixFilePermissions(list.getParent())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
			assertThat(feed.description()).doesNotContain(PASSWORD);
			feed.close();
			assertThat(list).doesNotExist();
		}
	}

	@Test
	void redactorMasksUrlCredentialsAuthCodesAndKnownSecrets() {
		String text = "open rtsp://admin:" + PASSWORD + "@10.0.0.5/s and https://x.ixon.net/?auth=abcdef123 "
				+ "Authorization: Basic YWRtaW46c2VjcmV0 value " + PASSWORD;

		String clean = io.videostore.system.Redactor.redact(text, List.of(PASSWORD));

		assertThat(clean).doesNotContain(PASSWORD, "abcdef123", "YWRtaW46c2VjcmV0");
		assertThat(clean).contains("rtsp://****@10.0.0.5/s", "?auth=****");
		assertThat(URI.create("http://127.0.0.1/").getHost()).isEqualTo("127.0.0.1");
	}

}
