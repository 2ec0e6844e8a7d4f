package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.camera.WebAccess;
import io.videostore.config.CameraConfig;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real bundled ffmpeg buffering the in-process test camera: segment times against the
 * wall clock, the ring's bounds with and without a stuck assembly, and a clean close.
 */
@NoFfmpegLeftBehind
class SegmentBufferIntegrationTests {

	static CameraSources sources;

	@TempDir
	Path dir;

	@BeforeAll
	static void openSources() {
		sources = CameraSources.direct();
	}

	@AfterAll
	static void closeSources() {
		sources.close();
	}

	@Test
	void segmentsKnowTheirWallClockTimesAndTheRingStaysBoundedEvenUnderAStuckAssembly() throws Exception {
		Path root = dir.resolve(".buffer");
		Files.createDirectories(root.resolve("cam1"));
		Files.writeString(root.resolve("cam1/seg-7-00003.mkv"), "left by a crash");
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10))) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, true);
			Instant before = Instant.now();
			SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferRig.settings(root, camera));
			assertThat(root.resolve("cam1/seg-7-00003.mkv")).doesNotExist();
			// The camera's video around the clock is its owner's only, even in a folder
			// an earlier version left open to everyone.
			assertThat(Files.getPosixFilePermissions(root.resolve("cam1")))
				.isEqualTo(PosixFilePermissions.fromString("rwx------"));

			Map<Path, Double> lateness = new HashMap<>();
			int most = BufferRig.watch(buffer, Duration.ofSeconds(10), lateness);
			assertThat(buffer.state().kind()).isEqualTo(BufferState.Kind.BUFFERING);
			assertThat(most).as("4 s retained in 2 s segments").isLessThanOrEqualTo(4);
			// Besides the run's list and its zero time: at most the ring's segments and
			// the
			// one being written.
			assertThat(BufferRig.files(root.resolve("cam1")))
				.filteredOn((f) -> f.getFileName().toString().startsWith("seg-"))
				.hasSizeLessThanOrEqualTo(5);

			// A stuck assembly leases everything: the ring grows to its hard cap of 6,
			// never beyond.
			Ring.Lease stuck = buffer.ring().lease(before, before.plusSeconds(3600));
			int mostLeased = BufferRig.watch(buffer, Duration.ofSeconds(10), lateness);
			assertThat(mostLeased).isEqualTo(6);
			stuck.close();

			assertThat(lateness).hasSizeGreaterThanOrEqualTo(8);
			// A row appears when the next segment opens, ~0.06 s after the listed end;
			// plus polling.
			assertThat(lateness.values()).allSatisfy((late) -> assertThat(late).isBetween(-0.05, 0.35));
			assertThat(lateness.keySet()).noneMatch((f) -> f.getFileName().toString().startsWith("seg-7"));

			buffer.close();
			assertThat(buffer.state().kind()).isEqualTo(BufferState.Kind.CLOSED);
			assertThat(BufferRig.files(root.resolve("cam1"))).isEmpty();
		}
	}

	@Test
	void aDroppedCameraIsReconnectedAndTheBufferResumes() throws IOException, InterruptedException {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10).dropAfter(Duration.ofSeconds(5)));
				SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources,
						BufferRig.camera(cam.uri(), dir, true),
						BufferRig.settings(dir, BufferRig.camera(cam.uri(), dir, true)))) {
			List<BufferState.Kind> states = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
				// Segments first: the buffer turns BUFFERING before it lists a segment.
				boolean second = buffer.segments()
					.stream()
					.anyMatch((s) -> s.file().getFileName().toString().startsWith("seg-2-"));
				noteState(states, buffer);
				return second && states.size() >= 3;
			});
			assertThat(states).containsSubsequence(BufferState.Kind.BUFFERING, BufferState.Kind.RECONNECTING,
					BufferState.Kind.BUFFERING);
			assertThat(cam.connections()).isGreaterThanOrEqualTo(2);
			assertThat(buffer.segments()).anyMatch((s) -> s.file().getFileName().toString().startsWith("seg-2-"));
		}
		assertThat(BufferRig.files(dir.resolve("cam1"))).isEmpty();
	}

	@Test
	void aCameraThatGoesSilentWithTheConnectionOpenIsReopenedAndTheBufferResumes() throws Exception {
		// Every connection stalls after 3 s; the buffer's stall timeout is 5 s.
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10).stallAfter(Duration.ofSeconds(3)));
				SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources,
						BufferRig.camera(cam.uri(), dir, false),
						BufferRig.settings(dir, BufferRig.camera(cam.uri(), dir, false)))) {
			List<BufferState.Kind> states = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> noteState(states, buffer) && buffer.segments()
					.stream()
					.anyMatch((s) -> s.file().getFileName().toString().startsWith("seg-2-")));

			assertThat(states).containsSubsequence(BufferState.Kind.BUFFERING, BufferState.Kind.RECONNECTING);
			assertThat(cam.connections()).isGreaterThanOrEqualTo(2);
			assertThat(buffer.segments()).as("segments of the second connection")
				.anyMatch((s) -> s.file().getFileName().toString().startsWith("seg-2-"));
			assertThat(NoFfmpegLeftBehind.Check.running()).as("the stalled run's ffmpeg is gone")
				.hasSizeLessThanOrEqualTo(1);
		}
	}

	@Test
	void anUnexpectedErrorWhileOpeningTheCameraIsRetriedNotTheEndOfTheBuffer() throws Exception {
		AtomicInteger opens = new AtomicInteger();
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10));
				CameraSources flaky = new CameraSources(WebAccess.UNAVAILABLE, Duration.ofSeconds(5),
						Clock.systemUTC()) {
					@Override
					public CameraFeed open(CameraConfig camera) {
						if (opens.incrementAndGet() == 1) {
							throw new IllegalStateException("a bug on the first attempt");
						}
						return super.open(camera);
					}
				};
				SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, flaky,
						BufferRig.camera(cam.uri(), dir, false),
						BufferRig.settings(dir, BufferRig.camera(cam.uri(), dir, false)))) {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !buffer.segments().isEmpty());

			assertThat(opens.get()).isGreaterThanOrEqualTo(2);
			assertThat(buffer.state().kind()).isEqualTo(BufferState.Kind.BUFFERING);
			assertThat(buffer.segments()).isNotEmpty();
		}
	}

	/** Adds the buffer's state to {@code states} when it changed; always true. */
	private static boolean noteState(List<BufferState.Kind> states, SegmentBuffer buffer) {
		BufferState.Kind k = buffer.state().kind();
		if (states.isEmpty() || states.get(states.size() - 1) != k) {
			states.add(k);
		}
		return true;
	}

}
