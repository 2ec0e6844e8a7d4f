package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.videostore.camera.CameraException;
import io.videostore.camera.CameraFeed;
import io.videostore.camera.CameraSources;
import io.videostore.config.CameraConfig;
import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegCommand;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.FfmpegNotFoundException;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.ffmpeg.ShortJob;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.RecordingProgress;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import io.videostore.storage.retention.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one clip from one camera: opens the camera, runs a supervised ffmpeg into a
 * crash-safe partial file, stops it if the camera or ffmpeg stalls, judges the result by
 * probing the file (never by ffmpeg's exit code), finalizes it to MP4 and publishes it
 * under a name that never collides.
 */
public class Recorder {

	private static final Logger log = LoggerFactory.getLogger(Recorder.class);

	/** Allowed shortfall before a clip counts as partial. */
	private static final double TOLERANCE_SECONDS = 0.5;

	/**
	 * Re-encoding a long 1080p clip on a small machine can take a while; a hung ffmpeg
	 * cannot take longer.
	 */
	private static final Duration FINALIZE_TIMEOUT = Duration.ofMinutes(10);

	private final FfmpegLocator locator;

	private final CameraSources cameras;

	private final ClipStore store;

	private final DiskSpace disk;

	private Recorder(FfmpegLocator locator, CameraSources cameras, ClipStore store, DiskSpace disk) {
		this.locator = locator;
		this.cameras = cameras;
		this.store = store;
		this.disk = disk;
	}

	/**
	 * The one way a recorder is made, by the service and the command line alike: with
	 * these cameras, the ffmpeg this locator finds, and clips published by a
	 * {@link ClipStore}.
	 */
	public static Recorder create(FfmpegLocator locator, CameraSources cameras) {
		return create(locator, cameras, new DiskSpace());
	}

	/** A recorder that starts no recording below this disk's free-space floor. */
	public static Recorder create(FfmpegLocator locator, CameraSources cameras, DiskSpace disk) {
		return new Recorder(locator, cameras, new ClipStore(), disk);
	}

	/**
	 * Records {@code camera.video().duration()} seconds now and publishes the clip as
	 * {@code clipName} (or the next free variant of it) in
	 * {@code camera.video().output()}. Never throws for camera or ffmpeg failures: the
	 * result carries the reason.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener) {
		return record(camera, clipName, listener, CaptureLength.of(camera.video().duration()));
	}

	/**
	 * Records like {@link #record(CameraConfig, String, RecordingProgress.Listener)} for
	 * as long as the window says, which other alarms may extend while it captures.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener,
			CaptureLength window) {
		return record(camera, clipName, listener, window, UUID.randomUUID().toString());
	}

	/**
	 * Records like {@link #record(CameraConfig, String, RecordingProgress.Listener)},
	 * with its work files named after {@code workName} in {@code .partial/}, so that what
	 * a killed service left there can be {@linkplain #salvage salvaged}.
	 */
	public RecordingResult record(CameraConfig camera, String clipName, RecordingProgress.Listener listener,
			CaptureLength window, String workName) {
		VideoConfig video = camera.video();
		double requested = video.duration().toMillis() / 1000.0;
		FfmpegBinaries ffmpeg;
		try {
			ffmpeg = locator.locate(video.ffmpegPath());
		}
		catch (FfmpegNotFoundException ex) {
			return RecordingResult.failed(Cause.FFMPEG_MISSING, ex.getMessage(), requested);
		}
		var full = disk.refusal(video.output());
		if (full.isPresent()) {
			return RecordingResult.failed(Cause.STORAGE, full.get(), requested);
		}
		Path partial;
		try {
			partial = store.partialDir(video.output()).resolve(workName + ".mkv");
			Files.deleteIfExists(partial);
		}
		catch (IOException ex) {
			return RecordingResult.failed(Cause.STORAGE, "cannot write to " + video.output() + ": " + ex.getMessage(),
					requested);
		}
		CameraFeed feed;
		try {
			feed = cameras.open(camera);
		}
		catch (CameraException ex) {
			return RecordingResult.failed(cause(ex.reason()), ex.getMessage(), requested);
		}
		log.info("Recording {} s from camera '{}' ({})", requested, camera.id(), feed.description());
		// The camera answered: its frames go to ffmpeg from now on, so the clip shows
		// from about this moment.
		Instant opened = Instant.now();
		try (feed) {
			Capture capture = Capture.run(ffmpeg, feed, camera, partial, window, listener);
			return judge(ffmpeg, camera, capture, partial, clipName, window.target().toMillis() / 1000.0, opened);
		}
		finally {
			deleteQuietly(partial);
		}
	}

	private RecordingResult judge(FfmpegBinaries ffmpeg, CameraConfig camera, Capture capture, Path partial,
			String clipName, double requested, Instant opened) {
		Ffprobe probe = new Ffprobe(ffmpeg);
		ClipProbe raw = probe.probe(partial).filter(ClipProbe::hasVideo).orElse(null);
		if (raw == null) {
			if (DiskSpace.filledUp(camera.video().output(), capture.ffmpegOutput())) {
				return RecordingResult.failed(Cause.STORAGE,
						DiskSpace.full(camera.video().output()) + " before any frame was recorded", requested);
			}
			return RecordingResult.failed(failureCause(capture, camera), failureReason(capture, camera), requested);
		}
		Path mp4 = partial.resolveSibling(partial.getFileName().toString().replace(".mkv", ".mp4"));
		try {
			Finalized done = finalizeOrKeep(ffmpeg, camera, partial, raw, mp4);
			mp4 = done.file();
			String kept = done.kept();
			ClipProbe clip = probe.probe(mp4)
				.filter(ClipProbe::hasVideo)
				.orElseThrow(() -> new IOException("the finalized clip is not readable"));
			String name = mp4.getFileName().toString().endsWith(".mkv") ? clipName.replaceFirst("\\.mp4$", ".mkv")
					: clipName;
			Path published = store.store(mp4, camera.video().output(), name);
			boolean complete = clip.durationSeconds() >= requested - TOLERANCE_SECONDS;
			String reason = join(complete ? null : shortReason(capture, camera, clip, requested), kept);
			log.info("Clip {} from camera '{}': {} s, {} frames, {} {}x{}, {} bytes{}", published, camera.id(),
					String.format(java.util.Locale.ROOT, "%.1f", clip.durationSeconds()), clip.frames(), clip.codec(),
					clip.width(), clip.height(), clip.sizeBytes(), (reason == null) ? "" : " (" + reason + ")");
			return new RecordingResult(complete ? Outcome.COMPLETE : Outcome.PARTIAL,
					complete ? Cause.NONE : failureCause(capture, camera), reason, published, clip, requested, opened,
					opened.plusMillis(Math.round(clip.durationSeconds() * 1000)));
		}
		catch (IOException ex) {
			return RecordingResult.failed(Cause.STORAGE,
					"could not store the clip: " + DiskSpace.explain(camera.video().output(), ex.getMessage()),
					requested);
		}
		finally {
			deleteQuietly(mp4);
		}
	}

	/**
	 * What a service killed during this recording left in {@code .partial/}: its
	 * finalized MP4 if that is whole, else its capture, finalized now; published as
	 * {@code clipName} and judged against the camera's duration. Empty when nothing
	 * playable was left. The work files are gone afterwards either way.
	 * @param startedAt when the capture started (the clip's first frame)
	 * @param why what happened, for the reason
	 */
	public Optional<RecordingResult> salvage(CameraConfig camera, String workName, String clipName, Instant startedAt,
			String why) {
		Path partial = camera.video().output().resolve(ClipStore.PARTIAL_DIR).resolve(workName + ".mkv");
		Path mp4 = partial.resolveSibling(workName + ".mp4");
		try {
			FfmpegBinaries ffmpeg = locator.locate(camera.video().ffmpegPath());
			Ffprobe probe = new Ffprobe(ffmpeg);
			double requested = camera.video().duration().toMillis() / 1000.0;
			ClipProbe finished = Files.exists(mp4) ? probe.probe(mp4).filter(ClipProbe::hasVideo).orElse(null) : null;
			String kept = null;
			if (finished == null) {
				deleteQuietly(mp4);
				ClipProbe raw = Files.exists(partial) ? probe.probe(partial).filter(ClipProbe::hasVideo).orElse(null)
						: null;
				if (raw == null) {
					return Optional.empty();
				}
				Finalized done = finalizeOrKeep(ffmpeg, camera, partial, raw, mp4);
				mp4 = done.file();
				kept = done.kept();
				finished = probe.probe(mp4).filter(ClipProbe::hasVideo).orElse(null);
				if (finished == null) {
					return Optional.empty();
				}
			}
			String name = mp4.getFileName().toString().endsWith(".mkv") ? clipName.replaceFirst("\\.mp4$", ".mkv")
					: clipName;
			Path published = store.store(mp4, camera.video().output(), name);
			boolean complete = finished.durationSeconds() >= requested - TOLERANCE_SECONDS;
			String reason = join(String.format(java.util.Locale.ROOT, "%s; kept the %.1f s of %.1f s recorded", why,
					finished.durationSeconds(), requested), kept);
			log.warn("Clip {} from camera '{}' salvaged: {}", published, camera.id(), reason);
			return Optional.of(new RecordingResult(complete ? Outcome.COMPLETE : Outcome.PARTIAL,
					complete ? Cause.NONE : Cause.TIMEOUT, reason, published, finished, requested, startedAt,
					startedAt.plusMillis(Math.round(finished.durationSeconds() * 1000))));
		}
		catch (IOException | FfmpegNotFoundException ex) {
			log.warn("Could not salvage {} of camera '{}': {}", partial.getFileName(), camera.id(), ex.getMessage());
			return Optional.empty();
		}
		finally {
			deleteQuietly(partial);
			deleteQuietly(mp4);
		}
	}

	/** The clip file, and why it was kept as captured (null when finalized). */
	private record Finalized(Path file, String kept) {
	}

	/**
	 * Finalizes the capture into {@code mp4}; when that fails the footage is on disk all
	 * the same, so the capture is kept as the clip.
	 */
	private static Finalized finalizeOrKeep(FfmpegBinaries ffmpeg, CameraConfig camera, Path capture, ClipProbe raw,
			Path mp4) {
		try {
			ShortJob.runOrThrow(ffmpeg, FfmpegCommand.finalize(ffmpeg, capture, raw, camera.video(), mp4),
					FINALIZE_TIMEOUT);
			return new Finalized(mp4, null);
		}
		catch (IOException | FfmpegNotFoundException ex) {
			deleteQuietly(mp4);
			String kept = keptReason(camera, ex);
			log.warn("Camera '{}': {}", camera.id(), kept);
			return new Finalized(keepCapture(ffmpeg, capture, mp4), kept);
		}
	}

	private static String keptReason(CameraConfig camera, Exception ex) {
		String why = DiskSpace.explain(camera.video().output(), ex.getMessage());
		return "kept as captured, not re-encoded (" + why + ")";
	}

	/**
	 * The capture as the clip: copied into MP4 when that fits, else the capture file
	 * itself (Matroska), which needs no space at all.
	 */
	private static Path keepCapture(FfmpegBinaries ffmpeg, Path capture, Path mp4) {
		try {
			ShortJob.runOrThrow(ffmpeg, FfmpegCommand.remux(ffmpeg, capture, mp4), FINALIZE_TIMEOUT);
			return mp4;
		}
		catch (IOException ex) {
			deleteQuietly(mp4);
			return capture;
		}
	}

	private static String join(String a, String b) {
		return (a == null) ? b : (b == null) ? a : a + "; " + b;
	}

	private static Cause failureCause(Capture c, CameraConfig camera) {
		if (DiskSpace.filledUp(camera.video().output(), c.ffmpegOutput())) {
			return Cause.STORAGE;
		}
		if (c.streamEnd() != null && c.streamEnd().cameraStopped()) {
			return switch (c.streamEnd().kind()) {
				case STALLED -> Cause.CAMERA_STALLED;
				case ENDED -> Cause.CAMERA_ENDED;
				default -> Cause.STREAM_BROKEN;
			};
		}
		if (c.watchdog() != null) {
			return c.watchdog().startsWith("no new frame") ? Cause.CAMERA_STALLED : Cause.TIMEOUT;
		}
		return FfmpegErrors.classify(c.ffmpegOutput());
	}

	private static String failureReason(Capture c, CameraConfig camera) {
		if (c.streamEnd() != null && c.streamEnd().cameraStopped()) {
			return c.streamEnd().detail() + " before any frame was recorded";
		}
		if (c.watchdog() != null) {
			return c.watchdog() + " before any frame was recorded";
		}
		return FfmpegErrors.describe(failureCause(c, camera), c.ffmpegError());
	}

	private static String shortReason(Capture c, CameraConfig camera, ClipProbe clip, double requested) {
		String why = DiskSpace.filledUp(camera.video().output(), c.ffmpegOutput())
				? DiskSpace.full(camera.video().output())
				: (c.streamEnd() != null && c.streamEnd().cameraStopped()) ? c.streamEnd().detail()
						: (c.watchdog() != null) ? c.watchdog() : "ffmpeg stopped early: " + c.ffmpegError();
		return String.format(java.util.Locale.ROOT, "%s after %.1f s of %.1f s", why, clip.durationSeconds(),
				requested);
	}

	private static Cause cause(CameraException.Reason reason) {
		return switch (reason) {
			case AUTH_REFUSED -> Cause.CAMERA_AUTH;
			case NOT_FOUND -> Cause.CAMERA_NOT_FOUND;
			case UNREACHABLE -> Cause.CAMERA_UNREACHABLE;
			case BAD_RESPONSE -> Cause.CAMERA_BAD_RESPONSE;
			case NOT_CONFIGURED -> Cause.CAMERA_NOT_CONFIGURED;
		};
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", file, ex.getMessage());
		}
	}

}
