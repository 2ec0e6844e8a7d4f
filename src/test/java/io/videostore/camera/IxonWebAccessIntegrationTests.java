package io.videostore.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonClientOptions;
import io.videostore.recording.ondemand.Recorder;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.testcam.CommandLineSampler;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import io.videostore.testcam.WebAccessProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording a camera through the fake IXON API and the cookie-gated web-access proxy: a
 * verified clip, one login for many recordings, and a clear, secret-free reason for every
 * way it can fail.
 */
@ExtendWith(OutputCaptureExtension.class)
@NoFfmpegLeftBehind
class IxonWebAccessIntegrationTests {

	static final String CAMERA_PASSWORD = "Cam-Pa55word-xyz";

	static final FfmpegLocator LOCATOR = FfmpegLocator.withDefaultCache();

	@TempDir
	Path videos;

	private final TestCamera camera = start(Options.digest("viewer", CAMERA_PASSWORD));

	private final WebAccessProxy proxy = startProxy(camera);

	private final FakeIxon fake = FakeIxon.start(proxy);

	@AfterEach
	void stop() {
		fake.close();
		proxy.close();
		camera.close();
	}

	@Test
	void fiveRecordingsThroughWebAccessGiveVerifiedClipsWithOneLoginAndNoSecretAnywhere(CapturedOutput output)
			throws Exception {
		IxonClient client = new IxonClient(config(FakeIxon.PASSWORD), IxonClientOptions.DEFAULTS);
		Set<String> commandLines = ConcurrentHashMap.newKeySet();
		try (CameraSources sources = CameraSources.create(null, client)) {
			Recorder recorder = Recorder.create(LOCATOR, sources);
			for (int i = 0; i < 5; i++) {
				RecordingResult result;
				try (CommandLineSampler sampler = new CommandLineSampler(commandLines)) {
					result = recorder.record(camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1), "c.mp4",
							RecordingProgress.Listener.NONE);
				}
				assertThat(result.isComplete()).as(result.reason()).isTrue();
				assertThat(result.probe().width()).isEqualTo(640);
			}
		}
		assertThat(fake.logins()).isEqualTo(1);
		assertThat(client.logins()).isEqualTo(1);
		assertThat(proxy.handshakes()).isEqualTo(5);
		assertThat(camera.connections()).isEqualTo(5);
		assertThat(commandLines).anyMatch((c) -> c.contains("pipe:0"))
			.noneMatch((c) -> c.contains("AUTHCODE") || c.contains("127.0.0.1:" + proxy.port()));
		assertThat(output.getAll()).doesNotContain(CAMERA_PASSWORD, FakeIxon.PASSWORD, "AUTHCODE",
				WebAccessProxy.COOKIE);
	}

	@Test
	void everyFailureNamesWhatFailedWithoutSecrets(CapturedOutput output) {
		assertFailure(record(config("wrong-Ixon-pass"), camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1)),
				Cause.CAMERA_AUTH, "IXON login as " + FakeIxon.EMAIL, "IXON_api.password");
		fake.requireOtp(true);
		assertFailure(record(config(FakeIxon.PASSWORD), camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1)),
				Cause.CAMERA_AUTH, "One-Time Password required", "IXON_api.otp_secret");
		fake.requireOtp(false);
		assertFailure(record(config(FakeIxon.PASSWORD), ixonCamera("0000-not-ours", FakeIxon.SERVICE)),
				Cause.CAMERA_NOT_CONFIGURED, "company 0000-not-ours", "Api-Company");
		assertFailure(record(config(FakeIxon.PASSWORD), ixonCamera(FakeIxon.COMPANY, "srvUnknown99")),
				Cause.CAMERA_NOT_CONFIGURED, "service srvUnknown99", "webaccess_service_id");
		assertFailure(record(config(FakeIxon.PASSWORD), camera(auth("not-" + CAMERA_PASSWORD), "/mjpg/video.mjpg", 1)),
				Cause.CAMERA_AUTH, "through IXON web access", "refused the credentials of user 'viewer'");
		assertFailure(record(config(FakeIxon.PASSWORD), camera(auth(CAMERA_PASSWORD), "/no/such/stream", 1)),
				Cause.CAMERA_NOT_FOUND, "through IXON web access", "check the stream path");
		fake.staleUrls(true);
		assertFailure(record(config(FakeIxon.PASSWORD), camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1)),
				Cause.CAMERA_AUTH, "web-access proxy at http://127.0.0.1:" + proxy.port(), "refused the one-off URL");

		assertThat(output.getAll()).doesNotContain(CAMERA_PASSWORD, FakeIxon.PASSWORD, "wrong-Ixon-pass", "AUTHCODE");
	}

	@Test
	void camerasNeedingIxonWithoutCredentialsSayWhatToSet() {
		var config = new io.videostore.config.AppConfig(new IxonApiConfig("", "", "", "", "", fake.baseUrl()),
				List.of(camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1)), VideoConfig.DEFAULTS, null, null, false);
		try (CameraSources sources = CameraSources.create(config)) {
			RecordingResult result = Recorder.create(LOCATOR, sources)
				.record(config.cameras().get(0), "x.mp4", RecordingProgress.Listener.NONE);
			assertFailure(result, Cause.CAMERA_NOT_CONFIGURED, "uses IXON web access", "IXON_api has no credentials");
		}
	}

	private RecordingResult record(IxonApiConfig config, CameraConfig cameraConfig) {
		IxonClient client = new IxonClient(config, IxonClientOptions.DEFAULTS.withRetries(1, Duration.ofMillis(10),
				Duration.ofMillis(10), Duration.ofSeconds(1)));
		try (CameraSources sources = CameraSources.create(null, client)) {
			return Recorder.create(LOCATOR, sources).record(cameraConfig, "f.mp4", RecordingProgress.Listener.NONE);
		}
	}

	private static void assertFailure(RecordingResult result, Cause cause, String... parts) {
		assertThat(result.outcome()).isEqualTo(RecordingResult.Outcome.FAILED);
		assertThat(result.cause()).as(result.reason()).isEqualTo(cause);
		assertThat(result.reason()).contains(parts).doesNotContain(CAMERA_PASSWORD, FakeIxon.PASSWORD, "AUTHCODE");
	}

	private IxonApiConfig config(String password) {
		return new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, password, "", "", fake.baseUrl());
	}

	private CameraConfig camera(CameraAuth auth, String path, double seconds) {
		VideoConfig video = VideoConfig.DEFAULTS.withDuration(Duration.ofMillis((long) (seconds * 1000)))
			.withOutput(videos);
		return new CameraConfig("door", "Door", CameraSourceType.IXON, null, auth, FakeIxon.COMPANY, FakeIxon.SERVICE,
				"http", path, MatchRules.ALL, video);
	}

	private CameraConfig ixonCamera(String company, String service) {
		CameraConfig c = camera(auth(CAMERA_PASSWORD), "/mjpg/video.mjpg", 1);
		return new CameraConfig(c.id(), c.name(), c.source(), null, c.auth(), company, service, "http", c.streamPath(),
				c.match(), c.video());
	}

	private static CameraAuth auth(String password) {
		return new CameraAuth(AuthType.DIGEST, "viewer", password);
	}

	private static TestCamera start(Options options) {
		try {
			return TestCamera.start(options);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static WebAccessProxy startProxy(TestCamera camera) {
		try {
			return WebAccessProxy.start(camera);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
