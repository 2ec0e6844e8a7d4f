package io.videostore.recording.preroll.buffer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;

/**
 * How one camera's pre-roll buffer behaves.
 *
 * @param folder the camera's own segment folder; everything in it matching the buffer's
 * names is deleted on start
 * @param segmentTime target segment length (cuts happen at keyframes, so H.264 segments
 * follow the camera's GOP)
 * @param retain how much history the ring keeps when no assembly holds segments:
 * pre-roll, post-roll and a margin for late webhooks and clock skew
 * @param maxSegments hard cap on segments kept, leased or not
 * @param maxBytes hard cap on bytes kept, leased or not
 * @param stallTimeout no new segment and no growth of the current one for this long means
 * the stream is dead
 * @param minBackoff first reconnect delay
 * @param maxBackoff longest reconnect delay
 */
public record BufferSettings(Path folder, Duration segmentTime, Duration retain, int maxSegments, long maxBytes,
		Duration stallTimeout, Duration minBackoff, Duration maxBackoff) {

	/**
	 * Webhooks arrive 2–7.5 s after {@code createdOn} (cloud delivery plus proxy
	 * connect); this covers that.
	 */
	public static final Duration LATE_WEBHOOK_MARGIN = Duration.ofSeconds(10);

	/** {@code webhooks.clock_skew} when not set. */
	public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(10);

	public static final Duration DEFAULT_SEGMENT_TIME = Duration.ofSeconds(2);

	/**
	 * About 340 KB per 2 s at 360p10 MJPEG; 1080p MJPEG is ~15× that, so this allows ~2
	 * min of 1080p.
	 */
	public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

	public BufferSettings {
		Objects.requireNonNull(folder, "folder");
		if (segmentTime.isNegative() || segmentTime.isZero() || retain.compareTo(segmentTime) < 0 || maxSegments < 3
				|| maxBytes <= 0 || minBackoff.compareTo(maxBackoff) > 0) {
			throw new IllegalArgumentException(
					"invalid buffer settings: segment " + segmentTime + ", retain " + retain + ", max " + maxSegments
							+ " segments / " + maxBytes + " bytes, backoff " + minBackoff + "–" + maxBackoff);
		}
	}

	/**
	 * As {@link #forCamera(CameraConfig, Path, Duration)} with the default clock skew.
	 */
	public static BufferSettings forCamera(CameraConfig camera, Path root) {
		return forCamera(camera, root, DEFAULT_CLOCK_SKEW);
	}

	/**
	 * Settings for a camera from its {@code video.pre_roll}/{@code post_roll}, with its
	 * folder at {@code <root>/<camera id>}. It keeps {@code pre_roll + post_roll +}
	 * {@link #LATE_WEBHOOK_MARGIN} {@code +
	 * clockSkew}: a webhook that arrives late, or whose {@code createdOn} comes from a
	 * clock running behind ours, still finds its pre-roll. The hard cap is twice the
	 * retained span: room for one slow assembly, never more.
	 */
	public static BufferSettings forCamera(CameraConfig camera, Path root, Duration clockSkew) {
		VideoConfig video = camera.video();
		Duration retain = video.preRoll().plus(video.postRoll()).plus(LATE_WEBHOOK_MARGIN).plus(clockSkew);
		int segments = (int) (retain.toMillis() / DEFAULT_SEGMENT_TIME.toMillis()) + 2;
		// The camera's own stall timeout, but never shorter than two segments plus slack:
		// a cut only comes at a keyframe.
		Duration stall = max(video.stallTimeout(), DEFAULT_SEGMENT_TIME.multipliedBy(2).plusSeconds(2));
		// Absolute: ffmpeg resolves the names in a concat list against the list's own
		// folder.
		return new BufferSettings(root.toAbsolutePath().resolve(camera.id()), DEFAULT_SEGMENT_TIME, retain,
				Math.max(3, 2 * segments), DEFAULT_MAX_BYTES, stall, Duration.ofSeconds(1), Duration.ofSeconds(30));
	}

	public BufferSettings withSegmentTime(Duration segmentTime) {
		return new BufferSettings(folder, segmentTime, retain, maxSegments, maxBytes, stallTimeout, minBackoff,
				maxBackoff);
	}

	public BufferSettings withRetain(Duration retain, int maxSegments, long maxBytes) {
		return new BufferSettings(folder, segmentTime, retain, maxSegments, maxBytes, stallTimeout, minBackoff,
				maxBackoff);
	}

	public BufferSettings withStall(Duration stallTimeout, Duration minBackoff, Duration maxBackoff) {
		return new BufferSettings(folder, segmentTime, retain, maxSegments, maxBytes, stallTimeout, minBackoff,
				maxBackoff);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
