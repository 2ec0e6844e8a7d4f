package io.videostore.recording.preroll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.recording.preroll.buffer.BufferRig;
import io.videostore.recording.preroll.buffer.BufferSettings;
import io.videostore.recording.preroll.buffer.Segment;
import io.videostore.recording.preroll.buffer.SegmentBuffer;
import io.videostore.testcam.ClipPackets;
import io.videostore.testcam.NoFfmpegLeftBehind;
import io.videostore.testcam.TestCamera;
import io.videostore.testcam.TestCamera.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Clips for alarm windows built from a real buffer of the test camera (10 fps), judged by
 * ffprobe.
 */
@NoFfmpegLeftBehind
class ClipAssemblerIntegrationTests {

	static CameraSources sources;

	@TempDir
	Path dir;

	ClipAssembler assembler = new ClipAssembler(BufferRig.FFMPEG);

	@BeforeAll
	static void openSources() {
		sources = CameraSources.direct();
	}

	@AfterAll
	static void closeSources() {
		sources.close();
	}

	@Test
	void alarmFiveSecondsAgoGivesAContinuousH264ClipCutJustOutsideTheWindow() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10))) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, true);
			try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferSettings.forCamera(camera, dir.resolve(".buffer")))) {
				// createdOn 5 s ago, pre-roll 3 s, post-roll 2 s: the window starts 8 s
				// in the past, its clip 9 s.
				BufferRig.awaitFootage(buffer, Duration.ofMillis(9500));
				Instant createdOn = Instant.now().minusSeconds(5);
				Instant from = createdOn.minusSeconds(3);
				Instant to = createdOn.plusSeconds(2);

				AssembledClip clip = assembler.assemble(buffer, BufferRig.window(from, to), camera.video(),
						dir.resolve("alarm.mp4"));

				assertThat(clip.complete()).isTrue();
				// MJPEG is cut at the frame, 1 s outside the window: not whole 2 s
				// segments around it.
				assertThat(clip.coveredFrom()).isEqualTo(from.minusSeconds(1));
				assertThat(clip.coveredTo()).isEqualTo(to.plusSeconds(1));
				assertThat(clip.probe().codec()).isEqualTo("h264");
				assertThat(clip.probe().pixelFormat()).isEqualTo("yuv420p");
				assertThat(clip.probe().durationSeconds()).isCloseTo(7.0, within(0.25));
				List<Double> packets = BufferRig.packetTimes(clip.file());
				assertThat(packets.size()).isCloseTo(70, within(3));
				assertThat(BufferRig.largestGap(packets)).as("no hole where the segments were joined")
					.isLessThanOrEqualTo(ClipPackets.MOST_ARRIVAL_JITTER);
				assertThat(BufferRig.files(buffer.settings().folder()))
					.noneMatch((f) -> f.getFileName().toString().startsWith("concat-"));
			}
		}
	}

	@Test
	void windowAcrossAnOutageGivesAClipAndReportsTheGapInsteadOfFailing() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10).dropAfter(Duration.ofSeconds(5)))) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, false);
			try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferSettings.forCamera(camera, dir.resolve(".buffer"))
						.withStall(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2)))) {
				awaitSegmentsOfRun(buffer, 2, 2, Duration.ofSeconds(20));
				List<Segment> segments = buffer.segments();
				Instant from = segments.get(0).start().plusSeconds(1);
				Instant to = segments.get(segments.size() - 1).end();

				AssembledClip clip = assembler.assemble(buffer, BufferRig.window(from, to), camera.video(),
						dir.resolve("outage.mp4"));

				assertThat(clip.complete()).isFalse();
				assertThat(clip.waitedFullTimeout()).isFalse();
				assertThat(clip.gaps()).hasSize(1);
				assertThat(clip.gaps().get(0).duration()).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
				assertThat(clip.probe().codec()).isEqualTo("mjpeg");
				double covered = Duration.between(clip.coveredFrom(), clip.coveredTo()).toMillis() / 1000.0;
				assertThat(clip.probe().durationSeconds()).as("real time kept across the outage")
					.isCloseTo(covered, within(0.3));
				double outage = clip.gaps().get(0).duration().toMillis() / 1000.0;
				assertThat(BufferRig.largestGap(BufferRig.packetTimes(clip.file()))).isCloseTo(outage, within(0.25));

				// An alarm whose window end never arrives in time: what exists, with the
				// missing tail reported.
				Instant later = Instant.now().plusSeconds(30);
				AssembledClip tail = assembler.assemble(buffer, BufferRig.window(to.minusSeconds(2), later),
						camera.video(), dir.resolve("tail.mp4"), Duration.ofSeconds(-29));
				assertThat(tail.waitedFullTimeout()).isTrue();
				assertThat(tail.gaps()).last().satisfies((g) -> assertThat(g.end()).isEqualTo(later));
				assertThat(Files.size(tail.file())).isPositive();
			}
		}
	}

	@Test
	void serviceStoppingWhileAClipWaitsForItsPostRollStillGivesAClipOfWhatWasBuffered() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10))) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, true);
			try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferSettings.forCamera(camera, dir.resolve(".buffer")))) {
				BufferRig.awaitFootage(buffer, Duration.ofMillis(4500));
				// An alarm now with a 30 s post-roll; the service stops once 1 s of it is
				// buffered.
				Instant alarm = Instant.now();
				CompletableFuture<AssembledClip> result = new CompletableFuture<>();
				Thread worker = new Thread(() -> {
					try {
						result.complete(assembler.assemble(buffer,
								BufferRig.window(alarm.minusSeconds(3), alarm.plusSeconds(30)), camera.video(),
								dir.resolve("stopped.mp4")));
					}
					catch (Exception ex) {
						result.completeExceptionally(ex);
					}
				});
				worker.start();
				BufferRig.awaitFootageAfter(buffer, alarm.plusSeconds(1));

				worker.interrupt();
				AssembledClip clip = result.get(20, TimeUnit.SECONDS);

				assertThat(clip.stoppedEarly()).isTrue();
				assertThat(clip.complete()).isFalse();
				assertThat(clip.gaps()).last().satisfies((g) -> assertThat(g.end()).isEqualTo(alarm.plusSeconds(30)));
				assertThat(clip.probe().codec()).isEqualTo("h264");
				assertThat(clip.probe().durationSeconds()).as("the 3 s pre-roll (and its 1 s edge) and ~2 s after")
					.isBetween(4.0, 8.0);
			}
		}
	}

	@Test
	void serviceStoppingWhileTheClipIsReEncodedKeepsTheFootageAsBufferedAndSaysWhy() throws Exception {
		try (TestCamera cam = TestCamera.start(Options.none().withFps(10))) {
			CameraConfig camera = BufferRig.camera(cam.uri(), dir, true);
			try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
					BufferSettings.forCamera(camera, dir.resolve(".buffer")))) {
				BufferRig.awaitFootage(buffer, Duration.ofMillis(9500));
				Instant createdOn = Instant.now().minusSeconds(5);
				Path output = dir.resolve("stopping.mp4");
				CompletableFuture<AssembledClip> result = new CompletableFuture<>();
				Thread worker = new Thread(() -> {
					try {
						result.complete(assembler.assemble(buffer,
								BufferRig.window(createdOn.minusSeconds(3), createdOn.plusSeconds(2)), camera.video(),
								output));
					}
					catch (Exception ex) {
						result.completeExceptionally(ex);
					}
				});
				worker.start();
				// The re-encode's ffmpeg creates the MP4 when it starts: the service's
				// stop
				// (which interrupts the worker thread) lands inside the re-encode.
				while (worker.isAlive() && !Files.exists(output)) {
					Thread.sleep(1);
				}
				worker.interrupt();
				AssembledClip clip = result.get(20, TimeUnit.SECONDS);

				assertThat(clip.kept()).isEqualTo(
						"the service stopped while the clip was being assembled; kept as buffered, not re-encoded");
				assertThat(clip.stoppedWhileCutting()).isTrue();
				assertThat(clip.complete()).isFalse();
				assertThat(clip.gaps()).isEmpty();
				assertThat(clip.probe().codec()).isEqualTo("mjpeg");
				assertThat(clip.probe().durationSeconds()).isCloseTo(7.0, within(0.5));
			}
		}
	}

	private static void awaitSegmentsOfRun(SegmentBuffer buffer, int run, int count, Duration timeout) {
		await("segments of run " + run).atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> buffer.segments()
				.stream()
				.filter((s) -> s.file().getFileName().toString().startsWith("seg-" + run + "-"))
				.count() >= count);
	}

}
