package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Records from the demo camera and the in-process test camera with the real (bundled)
 * ffmpeg, and judges every outcome by probing the files that end up in the output folder.
 */
@NoFfmpegLeftBehind
class RecorderIntegrationTests {

	static final FfmpegLocator LOCATOR = FfmpegLocator.withDefaultCache();

	static CameraSources sources;

	@TempDir
	Path videos;

	Recorder recorder = Recorder.create(LOCATOR, sources);

	@BeforeAll
	static void openSources() {
		sources = CameraSources.direct();
	}

	@AfterAll
	static void closeSources() {
		sources.close();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void demoCameraRecodedClipIsBrowserReadyH264OfTheRequestedLength(CapturedOutput output) throws IOException {
		RecordingResult r = recorder.record(Cameras.demo(Cameras.video(videos, 3, true)), "demo.mp4",
				RecordingProgress.Listener.NONE);

		assertThat(r.outcome()).isEqualTo(Outcome.COMPLETE);
		assertThat(r.clip()).isEqualTo(videos.resolve("demo.mp4"));
		ClipProbe p = probe(r.clip());
		assertThat(p.codec()).isEqualTo("h264");
		assertThat(p.pixelFormat()).isEqualTo("yuv420p");
		assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.5));
		assertThat(p.frames()).isBetween(25L, 35L);
		assertThat(finalFiles()).containsExactly(videos.resolve("demo.mp4"));
		// Its length is logged to a tenth of a second, like every other length.
		assertThat(output.getOut()).contains(
				"from camera 'demo': " + String.format(java.util.Locale.ROOT, "%.1f s, ", r.probe().durationSeconds()));
	}

	@Test
	void digestCameraWithStreamCopyKeepsTheCamerasMjpegAtRealSpeed() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", "s3cret-digest"))) {
			CameraConfig camera = Cameras.url(cam.uri(), new CameraAuth(AuthType.DIGEST, "admin", "s3cret-digest"),
					Cameras.video(videos, 3, false));

			RecordingResult r = recorder.record(camera, "copy.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.COMPLETE);
			ClipProbe p = probe(r.clip());
			assertThat(p.codec()).isEqualTo("mjpeg");
			assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.5));
			assertThat(p.frames()).isBetween(25L, 35L);
			assertThat(p.width()).isEqualTo(640);
		}
	}

	@Test
	void basicAndUnauthenticatedCamerasRecordToo() throws IOException {
		try (TestCamera basic = TestCamera.start(Options.basic("viewer", "b4sic-pass"));
				TestCamera open = TestCamera.start(Options.none().withSize(320, 180).withFps(5))) {
			RecordingResult rb = recorder.record(Cameras.url(basic.uri(),
					new CameraAuth(AuthType.BASIC, "viewer", "b4sic-pass"), Cameras.video(videos, 2, true)), "b.mp4",
					RecordingProgress.Listener.NONE);
			RecordingResult rn = recorder.record(
					Cameras.url(open.uri(), CameraAuth.NONE, Cameras.video(videos, 2, true)), "n.mp4",
					RecordingProgress.Listener.NONE);

			assertThat(rb.outcome()).isEqualTo(Outcome.COMPLETE);
			assertThat(rn.outcome()).isEqualTo(Outcome.COMPLETE);
			assertThat(probe(rn.clip()).frames()).isBetween(8L, 12L);
			assertThat(probe(rn.clip()).width()).isEqualTo(320);
		}
	}

	@Test
	void wrongPasswordFailsWithTheReasonAndLeavesNoFile() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", "right-pass"))) {
			CameraConfig camera = Cameras.url(cam.uri(), new CameraAuth(AuthType.DIGEST, "admin", "wrong-pass"),
					Cameras.video(videos, 2, true));

			RecordingResult r = recorder.record(camera, "x.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(r.cause()).isEqualTo(Cause.CAMERA_AUTH);
			assertThat(r.reason()).contains("refused the credentials", "admin", "401").doesNotContain("wrong-pass");
			assertThat(finalFiles()).isEmpty();
		}
	}

	@Test
	void cameraAskingForDigestWhenBasicIsConfiguredSaysWhichSchemeToUse() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.digest("admin", "pw-digest"))) {
			CameraConfig camera = Cameras.url(cam.uri(), new CameraAuth(AuthType.BASIC, "admin", "pw-digest"),
					Cameras.video(videos, 2, true));

			RecordingResult r = recorder.record(camera, "x.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.cause()).isEqualTo(Cause.CAMERA_AUTH);
			assertThat(r.reason()).contains("set auth.type: digest");
		}
	}

	@Test
	void unknownStreamPathFailsAsNotFound() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.none())) {
			CameraConfig camera = Cameras.url(cam.uri().resolve("/no/such/stream"), CameraAuth.NONE,
					Cameras.video(videos, 2, true));

			RecordingResult r = recorder.record(camera, "x.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.cause()).isEqualTo(Cause.CAMERA_NOT_FOUND);
			assertThat(r.reason()).contains("404", "/no/such/stream");
			assertThat(finalFiles()).isEmpty();
		}
	}

	@Test
	void unreachableCameraFailsQuicklyWithTheAddress() {
		CameraConfig camera = Cameras.url(java.net.URI.create("http://127.0.0.1:9/video.mjpg"), CameraAuth.NONE,
				Cameras.video(videos, 2, true));

		RecordingResult r = recorder.record(camera, "x.mp4", RecordingProgress.Listener.NONE);

		assertThat(r.cause()).isEqualTo(Cause.CAMERA_UNREACHABLE);
		assertThat(r.reason()).contains("127.0.0.1:9");
	}

	@Test
	void streamThatDropsAfterTwoSecondsKeepsAPartialClipAndSaysWhy() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.none().dropAfter(Duration.ofSeconds(2)))) {
			CameraConfig camera = Cameras.url(cam.uri(), CameraAuth.NONE, Cameras.video(videos, 6, true));

			RecordingResult r = recorder.record(camera, "drop.mp4", RecordingProgress.Listener.NONE);

			assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
			assertThat(r.cause()).isIn(Cause.CAMERA_ENDED, Cause.STREAM_BROKEN);
			assertThat(r.reason()).contains("of 6.0 s");
			assertThat(probe(r.clip()).durationSeconds()).isCloseTo(2.0, within(0.6));
			assertThat(probe(r.clip()).codec()).isEqualTo("h264");
		}
	}

	@Test
	void stalledCameraIsStoppedAfterTheStallTimeoutWithAPartialClip() throws IOException {
		try (TestCamera cam = TestCamera.start(Options.none().stallAfter(Duration.ofSeconds(2)))) {
			CameraConfig camera = Cameras.url(cam.uri(), CameraAuth.NONE,
					Cameras.video(videos, 8, true, Duration.ofSeconds(2)));
			long start = System.nanoTime();

			RecordingResult r = recorder.record(camera, "stall.mp4", RecordingProgress.Listener.NONE);

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
			assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
			assertThat(r.cause()).isEqualTo(Cause.CAMERA_STALLED);
			assertThat(r.reason()).contains("sent nothing");
			assertThat(probe(r.clip()).durationSeconds()).isCloseTo(2.0, within(0.6));
		}
	}

	@Test
	void aTakenNameIsNeverOverwritten() throws IOException {
		Files.writeString(videos.resolve("same.mp4"), "an older clip");

		RecordingResult r = recorder.record(Cameras.demo(Cameras.video(videos, 1, true)), "same.mp4",
				RecordingProgress.Listener.NONE);

		assertThat(r.clip()).isEqualTo(videos.resolve("same_2.mp4"));
		assertThat(Files.readString(videos.resolve("same.mp4"))).isEqualTo("an older clip");
	}

	@Test
	void missingConfiguredFfmpegFailsNamingTheKey() {
		CameraConfig camera = Cameras.demo(Cameras.video(videos, 1, true));
		camera = camera.withVideo(new io.videostore.config.VideoConfig(false, camera.video().duration(), 0, true,
				"/nonexistent/ffmpeg", videos, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)));

		RecordingResult r = recorder.record(camera, "x.mp4", RecordingProgress.Listener.NONE);

		assertThat(r.cause()).isEqualTo(Cause.FFMPEG_MISSING);
		assertThat(r.reason()).contains("video.ffmpeg_path", "/nonexistent/ffmpeg");
	}

	@Test
	void fixedFramerateRecodesToThatRateAtRealSpeed() throws IOException {
		CameraConfig camera = Cameras.demo(Cameras.video(videos, 3, true));
		var v = camera.video();
		camera = camera.withVideo(new io.videostore.config.VideoConfig(false, v.duration(), 5, true, "auto", videos,
				Duration.ZERO, Duration.ZERO, v.stallTimeout()));

		RecordingResult r = recorder.record(camera, "r5.mp4", RecordingProgress.Listener.NONE);

		ClipProbe p = probe(r.clip());
		assertThat(p.durationSeconds()).isCloseTo(3.0, within(0.5));
		assertThat(p.frames()).isBetween(13L, 17L);
	}

	private ClipProbe probe(Path clip) {
		return new Ffprobe(LOCATOR.locate("auto")).probe(clip).orElseThrow();
	}

	/**
	 * Files under final names: anything in the output folder except the work-in-progress
	 * folder.
	 */
	private List<Path> finalFiles() throws IOException {
		try (Stream<Path> files = Files.list(videos)) {
			return files.filter((f) -> !f.getFileName().toString().equals(".partial")).toList();
		}
	}

}
