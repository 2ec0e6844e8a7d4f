package io.videostore.recording.preroll.buffer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.videostore.config.CameraAuth;
import io.videostore.config.CameraConfig;
import io.videostore.config.CameraSourceType;
import io.videostore.config.MatchRules;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.testcam.ClipPackets;

import static org.awaitility.Awaitility.await;

/**
 * Cameras, settings and probes for the buffer's integration tests.
 */
public final class BufferRig {

	public static final FfmpegBinaries FFMPEG = FfmpegLocator.withDefaultCache().locate("auto");

	private BufferRig() {
	}

	public static CameraConfig camera(URI uri, Path output, boolean recode) {
		VideoConfig v = VideoConfig.DEFAULTS;
		VideoConfig video = new VideoConfig(false, v.duration(), 0, recode, "auto", output, Duration.ofSeconds(4),
				Duration.ofSeconds(1), Duration.ofSeconds(3));
		return new CameraConfig("cam1", "Camera 1", CameraSourceType.URL, uri.toString(), CameraAuth.NONE, null, null,
				null, null, MatchRules.ALL, video);
	}

	/**
	 * 2 s segments, 4 s retained, at most 6 segments; fast reconnects so tests stay
	 * short.
	 */
	static BufferSettings settings(Path root, CameraConfig camera) {
		return BufferSettings.forCamera(camera, root)
			.withRetain(Duration.ofSeconds(4), 6, 64L * 1024 * 1024)
			.withStall(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(2));
	}

	public static List<Double> packetTimes(Path clip) throws IOException, InterruptedException {
		return ClipPackets.times(clip);
	}

	public static double largestGap(List<Double> times) {
		return ClipPackets.largestGap(times);
	}

	public static List<Path> files(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.toList();
		}
	}

	/**
	 * Polls the ring every 20 ms; notes how late each new segment showed up after its own
	 * listed end (the wall clock check), and returns the most segments held at once.
	 */
	public static int watch(SegmentBuffer buffer, Duration time, Map<Path, Double> lateness)
			throws InterruptedException {
		int most = 0;
		long end = System.nanoTime() + time.toNanos();
		while (System.nanoTime() < end) {
			List<Segment> now = new ArrayList<>(buffer.segments());
			Instant seen = Instant.now();
			for (Segment s : now) {
				lateness.computeIfAbsent(s.file(), (f) -> Duration.between(s.end(), seen).toNanos() / 1e9);
			}
			most = Math.max(most, now.size());
			Thread.sleep(20);
		}
		return most;
	}

	/** The window [from, to], as a job for an alarm at its end carries it. */
	public static AlarmWindow window(Instant from, Instant to) {
		return new AlarmWindow(to, from, to);
	}

	/** Waits until the ring holds complete footage reaching back {@code ago} from now. */
	public static void awaitFootage(SegmentBuffer buffer, Duration ago) {
		await("footage reaching back " + ago).atMost(ago.plusSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				List<Segment> segments = buffer.segments();
				return !segments.isEmpty() && !segments.get(0).start().isAfter(Instant.now().minus(ago));
			});
	}

	/** Waits until the ring holds complete footage of the moment. */
	public static void awaitFootageAfter(SegmentBuffer buffer, Instant moment) {
		await("footage after " + moment).atMost(Duration.between(Instant.now(), moment).plusSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				List<Segment> segments = buffer.segments();
				return !segments.isEmpty() && segments.get(segments.size() - 1).end().isAfter(moment);
			});
	}

}
