package io.videostore.recording.preroll;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.videostore.camera.CameraSources;
import io.videostore.config.CameraAuth;
import io.videostore.config.CameraAuth.AuthType;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.recording.preroll.buffer.BufferRig;
import io.videostore.recording.preroll.buffer.BufferSettings;
import io.videostore.recording.preroll.buffer.BufferState;
import io.videostore.recording.preroll.buffer.Segment;
import io.videostore.recording.preroll.buffer.SegmentBuffer;
import io.videostore.recording.source.AlarmWindow;
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
import static org.awaitility.Awaitility.await;

/**
 * The pre-roll buffer of a real RTSP H.264 camera ({@link FakeRtspCamera}: Digest auth,
 * 640x360 at 10 fps, a keyframe every 2 s) with the bundled ffmpeg: keyframe-aligned
 * segments on the wall clock, no password in process arguments or file names, and clips
 * for a window both stream-copied and with {@code recode: true}.
 */
@RequiresRtspServer
@NoFfmpegLeftBehind
class RtspBufferIntegrationTests {

	/** A space, an at sign and a colon: all of them need escaping inside an RTSP URL. */
	static final String PASSWORD = "rtsp p@ss:word";

	static final double FRAME = 1.0 / FakeRtspCamera.FPS;

	static final long GOP_FRAMES = Math.round(FakeRtspCamera.GOP_SECONDS * FakeRtspCamera.FPS);

	static FakeRtspCamera rtsp;

	static CameraSources sources;

	@TempDir
	Path dir;

	@BeforeEach
	void startCameraOnce() throws Exception {
		if (rtsp == null) {
			rtsp = FakeRtspCamera.start("digest", "admin", PASSWORD);
			sources = CameraSources.direct();
		}
	}

	@AfterAll
	static void stopCamera() throws InterruptedException {
		if (sources != null) {
			sources.close();
		}
		if (rtsp != null) {
			rtsp.close();
		}
	}

	@Test
	void rtspDigestCameraBuffersKeyframeAlignedSegmentsOnTheWallClockWithoutExposingItsPassword() throws Exception {
		CameraConfig camera = camera();
		Path root = dir.resolve(".buffer");
		Set<String> commandLines = ConcurrentHashMap.newKeySet();
		Map<Path, Double> lateness = new LinkedHashMap<>();
		Instant before = Instant.now();
		try (CommandLineSampler sampler = new CommandLineSampler(commandLines, (p) -> p.pid() != rtsp.process().pid());
				SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
						BufferSettings.forCamera(camera, root))) {
			BufferRig.watch(buffer, Duration.ofSeconds(11), lateness);
			Instant after = Instant.now();

			assertThat(buffer.state().kind()).as(buffer.state().detail()).isEqualTo(BufferState.Kind.BUFFERING);
			List<Segment> segments = buffer.segments();
			assertThat(segments).as("segments in 11 s of a 2 s GOP").hasSizeBetween(3, 6);
			assertThat(segments).as("one connection, no reconnects")
				.allMatch((s) -> s.file().getFileName().toString().matches("seg-1-\\d{5}\\.mkv"));

			// Cuts only come at keyframes: every segment is whole GOPs, starting on a
			// keyframe. After the first,
			// each is exactly one 2 s GOP. The first may hold two: ffmpeg nudges the very
			// first RTSP frame's time
			// by a frame, so the second keyframe lands just before the first 2 s cut
			// point.
			for (int i = 0; i < segments.size(); i++) {
				Segment s = segments.get(i);
				String name = s.file().getFileName().toString();
				List<Packet> packets = packets(s.file());
				long keyframes = packets.stream().filter(Packet::key).count();
				assertThat(packets).as("packets of %s", name).isNotEmpty();
				assertThat(packets.get(0).key()).as("%s starts on a keyframe", name).isTrue();
				assertThat(keyframes).as("GOPs in %s", name).isBetween(1L, (i == 0) ? 2L : 1L);
				assertThat(packets.size()).as("frames in %s", name)
					.isCloseTo((int) (keyframes * GOP_FRAMES), within(1));
				assertThat(s.duration().toMillis() / 1000.0).as("wall-clock length of %s", name)
					.isCloseTo(keyframes * FakeRtspCamera.GOP_SECONDS, within(0.25));
			}

			// Wall clock: inside the test's run, touching, listed as soon as they are
			// complete.
			assertThat(segments.get(0).start()).isAfter(before).isBefore(before.plusSeconds(5));
			// (Listed times may run up to a supervisor poll ahead: the first row's zero
			// point includes its poll delay.)
			assertThat(segments.get(segments.size() - 1).end()).isBefore(after.plusMillis(200));
			for (int i = 1; i < segments.size(); i++) {
				assertThat(segments.get(i).start()).isEqualTo(segments.get(i - 1).end());
			}
			assertThat(lateness).hasSizeGreaterThanOrEqualTo(segments.size());
			// The first segment's row fixes the zero point (within a supervisor poll);
			// the others keep to it.
			assertThat(lateness.values()).allSatisfy((late) -> assertThat(late).isBetween(-0.2, 0.4));

			// The password stays in this JVM (and an owner-only input list): not in ps,
			// not in file names.
			assertThat(commandLines).as("sampled ffmpeg command lines")
				.anyMatch((c) -> c.contains("ffmpeg") && c.contains("segment"));
			assertThat(commandLines).allSatisfy((c) -> assertThat(c).doesNotContainIgnoringCase("p@ss")
				.doesNotContainIgnoringCase("p%40ss")
				.doesNotContain(PASSWORD)
				.doesNotContain(encoded(PASSWORD)));
			assertThat(allFileNames(root)).isNotEmpty()
				.allSatisfy((n) -> assertThat(n).doesNotContain("p@ss")
					.doesNotContain("p%40ss")
					.doesNotContain(encoded(PASSWORD)));

			buffer.close();
			assertThat(buffer.state().kind()).isEqualTo(BufferState.Kind.CLOSED);
			assertThat(BufferRig.files(buffer.settings().folder())).isEmpty();
		}
	}

	@Test
	void rtspWindowGivesAPlayableContinuousH264Mp4BothStreamCopiedAndRecoded() throws Exception {
		CameraConfig camera = camera();
		ClipAssembler assembler = new ClipAssembler(BufferRig.FFMPEG);
		try (SegmentBuffer buffer = SegmentBuffer.start(BufferRig.FFMPEG, sources, camera,
				BufferSettings.forCamera(camera, dir.resolve(".buffer")))) {
			awaitBuffered(buffer, Duration.ofSeconds(7), Duration.ofSeconds(20));
			// An alarm 1 s ago with a 3 s pre-roll and 2 s post-roll: the window ends 1 s
			// in the future.
			Instant alarm = Instant.now().minusSeconds(1);
			Instant from = alarm.minusSeconds(3);
			Instant to = alarm.plusSeconds(2);
			double window = Duration.between(from, to).toMillis() / 1000.0;

			for (boolean recode : new boolean[] { false, true }) {
				VideoConfig video = withRecode(camera.video(), recode);
				AssembledClip clip = assembler.assemble(buffer, BufferRig.window(from, to), video,
						dir.resolve("alarm-recode-" + recode + ".mp4"));
				String what = "recode=" + recode;

				assertThat(clip.gaps()).as(what).isEmpty();
				assertThat(clip.waitedFullTimeout()).as(what).isFalse();
				// Whole segments (H.264 is never cut inside a GOP): from the start of the
				// segment holding the moment
				// 1 s before the window (AlarmWindow.EDGE) to the end of the one
				// holding 1 s after it; nothing more.
				List<Segment> segments = buffer.segments();
				assertThat(clip.coveredFrom()).as(what)
					.isBeforeOrEqualTo(from.minus(AlarmWindow.EDGE))
					.isEqualTo(holding(segments, from.minus(AlarmWindow.EDGE)).start());
				assertThat(clip.coveredTo()).as(what)
					.isAfterOrEqualTo(to.plus(AlarmWindow.EDGE))
					.isCloseTo(holding(segments, to.plus(AlarmWindow.EDGE)).end(), within(50, ChronoUnit.MILLIS));
				assertThat(clip.probe().codec()).as(what).isEqualTo("h264");
				assertThat(clip.probe().pixelFormat()).as(what).isEqualTo("yuv420p");
				assertThat(clip.probe().width()).as(what).isEqualTo(640);
				assertThat(clip.probe().height()).as(what).isEqualTo(360);
				double covered = Duration.between(clip.coveredFrom(), clip.coveredTo()).toMillis() / 1000.0;
				assertThat(clip.probe().durationSeconds()).as(what)
					.isGreaterThanOrEqualTo(window - 0.2)
					.isCloseTo(covered, within(0.3));
				List<Double> times = BufferRig.packetTimes(clip.file());
				assertThat(times.size()).as(what).isCloseTo((int) Math.round(covered * FakeRtspCamera.FPS), within(3));
				assertThat(BufferRig.largestGap(times)).as(what).isLessThanOrEqualTo(2 * FRAME + 0.001);
				assertThat(packets(clip.file()).get(0).key()).as(what + ": starts on a keyframe").isTrue();
			}
			assertThat(BufferRig.files(buffer.settings().folder()))
				.noneMatch((f) -> f.getFileName().toString().startsWith("concat-"));
		}
	}

	/** The segment showing {@code moment}. */
	private static Segment holding(List<Segment> segments, Instant moment) {
		return segments.stream()
			.filter((s) -> !s.start().isAfter(moment) && s.end().isAfter(moment))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no segment holds " + moment + " in " + segments));
	}

	/**
	 * The RTSP camera with Digest credentials; 4 s pre-roll, 1 s post-roll, 3 s stall
	 * timeout, recode off.
	 */
	private CameraConfig camera() {
		CameraConfig c = BufferRig.camera(rtsp.uri(), dir, false);
		return new CameraConfig(c.id(), c.name(), c.source(), c.url(),
				new CameraAuth(AuthType.DIGEST, "admin", PASSWORD), c.companyId(), c.webaccessServiceId(),
				c.webaccessAccessType(), c.streamPath(), c.match(), c.video());
	}

	private static VideoConfig withRecode(VideoConfig v, boolean recode) {
		return new VideoConfig(v.debugInfo(), v.duration(), v.framerate(), recode, v.ffmpegPath(), v.output(),
				v.preRoll(), v.postRoll(), v.stallTimeout());
	}

	private static String encoded(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Waits until the ring holds at least {@code span} of video. */
	private static void awaitBuffered(SegmentBuffer buffer, Duration span, Duration timeout) {
		await(span + " buffered").atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
			List<Segment> segments = buffer.segments();
			return !segments.isEmpty()
					&& !segments.get(0).start().plus(span).isAfter(segments.get(segments.size() - 1).end());
		});
	}

	private static List<String> allFileNames(Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter((p) -> !p.equals(root)).map((p) -> p.getFileName().toString()).toList();
		}
	}

	record Packet(double time, boolean key) {
	}

	/** Every video packet in file order, with its presentation time and keyframe flag. */
	static List<Packet> packets(Path file) throws IOException, InterruptedException {
		ProcessBuilder pb = new ProcessBuilder(BufferRig.FFMPEG.ffprobe().toString(), "-v", "error", "-select_streams",
				"v:0", "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file.toString());
		pb.environment().putAll(BufferRig.FFMPEG.environment());
		Process p = pb.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor()).as("ffprobe of %s: %s", file, out).isZero();
		return out.lines().filter((l) -> !l.isBlank()).map((l) -> {
			String[] f = l.split(",");
			return new Packet(Double.parseDouble(f[0].trim()), f[1].contains("K"));
		}).toList();
	}

}
