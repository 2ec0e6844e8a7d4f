package io.videostore.recording.preroll.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.IxonApiConfig;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ixon.IxonClient;
import io.videostore.ixon.IxonClientOptions;
import io.videostore.testcam.CommandLineSampler;
import io.videostore.testcam.FakeIxon;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import io.videostore.testcam.WebAccessProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pre-roll buffer of a camera behind IXON web access (the fake IXON API, the
 * cookie-gated one-off-URL proxy and a Digest test camera) with the bundled ffmpeg: when
 * the stream dies, the camera is reopened through a fresh web-access URL, and no IXON or
 * camera secret reaches a process argument or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@NoFfmpegLeftBehind
class IxonBufferIntegrationTests {

	static final String CAMERA_PASSWORD = "Cam-Pa55word-xyz";

	@TempDir
	Path dir;

	@Test
	void ixonCameraThatDropsIsReopenedThroughAFreshWebAccessUrlAndTheBufferResumes(CapturedOutput output)
			throws Exception {
		Set<String> commandLines = ConcurrentHashMap.newKeySet();
		Set<String> details = ConcurrentHashMap.newKeySet();
		List<BufferState.Kind> states = new ArrayList<>();
		List<String> secrets = new ArrayList<>(
				List.of(CAMERA_PASSWORD, FakeIxon.PASSWORD, FakeIxon.APPLICATION, "AUTHCODE", WebAccessProxy.COOKIE));
		// Every camera connection is cut abruptly 3.5 s after it starts, so each one ends
		// in a reconnect.
		try (TestCamera cam = TestCamera
			.start(Options.digest("viewer", CAMERA_PASSWORD).withFps(10).dropAfter(Duration.ofMillis(3500)));
				WebAccessProxy proxy = WebAccessProxy.start(cam);
				FakeIxon ixon = FakeIxon.start(proxy)) {
			IxonApiConfig api = new IxonApiConfig(FakeIxon.APPLICATION, FakeIxon.EMAIL, FakeIxon.PASSWORD, "", "",
					ixon.baseUrl());
			CameraConfig camera = ixonCamera();
			AppConfig config = new AppConfig(api, List.of(camera), camera.video(), null, null, false);
			try (CameraSources sources = CameraSources.create(config,
					new IxonClient(api, IxonClientOptions.DEFAULTS))) {
				try (CommandLineSampler sampler = new CommandLineSampler(commandLines);
						SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
								BufferRig.settings(dir, camera))) {
					await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
						BufferState s = buffer.state();
						details.add(s.detail());
						if (states.isEmpty() || states.get(states.size() - 1) != s.kind()) {
							states.add(s.kind());
						}
						return resumed(states) && !secondRun(buffer).isEmpty();
					});
					List<Segment> secondRun = secondRun(buffer);

					assertThat(states).as("buffer states")
						.containsSubsequence(BufferState.Kind.BUFFERING, BufferState.Kind.RECONNECTING,
								BufferState.Kind.BUFFERING);
					assertThat(secondRun).as("segments of the second connection, in %s", buffer.segments())
						.isNotEmpty();
					assertThat(secondRun.get(0).file()).isNotEmptyFile();
				}
			}
			secrets.addAll(ixon.mintedTokens());

			// One web-access request per connection, each one-off URL handed out used
			// exactly once.
			assertThat(ixon.webAccessBodies()).as("web-access requests to the IXON API").hasSizeGreaterThanOrEqualTo(2);
			assertThat(proxy.handshakes()).as("one-off URLs redeemed at the proxy")
				.isEqualTo(ixon.webAccessBodies().size());
			assertThat(proxy.requestLog()).as("proxy requests: no reused one-off URL, no stale session")
				.noneMatch((r) -> r.endsWith("-> 403"));
			// The second connection came through the second URL's session, never back
			// through an older one.
			assertThat(proxy.sessionsUsed()).as("handshake whose session each camera request carried")
				.startsWith(1)
				.contains(2)
				.isSorted();
			assertThat(cam.connections()).isGreaterThanOrEqualTo(2);
			assertThat(ixon.logins()).as("reconnects reuse the IXON access token").isEqualTo(1);
		}

		assertThat(commandLines).as("ffmpeg sampled during both connections")
			.anyMatch((c) -> c.contains("seg-1-"))
			.anyMatch((c) -> c.contains("seg-2-"));
		for (String secret : secrets) {
			assertThat(commandLines).as("process arguments").noneMatch((c) -> c.contains(secret));
			assertThat(details).as("buffer state details").noneMatch((d) -> d.contains(secret));
		}
		assertThat(output.getAll()).doesNotContain(secrets.toArray(String[]::new));
	}

	private static boolean resumed(List<BufferState.Kind> states) {
		int reconnecting = states.indexOf(BufferState.Kind.RECONNECTING);
		return reconnecting > 0 && states.subList(0, reconnecting).contains(BufferState.Kind.BUFFERING)
				&& states.subList(reconnecting, states.size()).contains(BufferState.Kind.BUFFERING);
	}

	private static String name(Segment segment) {
		return segment.file().getFileName().toString();
	}

	private CameraConfig ixonCamera() {
		VideoConfig v = VideoConfig.DEFAULTS;
		VideoConfig video = new VideoConfig(false, v.duration(), 0, true, "auto", dir, Duration.ofSeconds(4),
				Duration.ofSeconds(1), Duration.ofSeconds(3));
		return new CameraConfig("cam1", "Camera 1", CameraSourceType.IXON, null,
				new CameraAuth(AuthType.DIGEST, "viewer", CAMERA_PASSWORD), FakeIxon.COMPANY, FakeIxon.SERVICE, "http",
				TestCamera.DEFAULT_PATH, MatchRules.ALL, video);
	}

	private static List<Segment> secondRun(SegmentBuffer buffer) {
		return buffer.segments().stream().filter((seg) -> name(seg).startsWith("seg-2-")).toList();
	}

}
