package io.videostore.recording.ondemand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import io.videostore.ffmpeg.Ffprobe.StoredClip;
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

	/** A probe reads the file once without decoding it: fast, but a hung one stops. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * When the service is stopping, what a re-encode leaves of the grace for keeping the
	 * capture instead (remux and probe).
	 */
	private static final Duration KEEP_RESERVE = Duration.ofSeconds(6);

	/**
	 * When the service is stopping, what a remux leaves of the grace for probing its
	 * result.
	 */
	private static final Duration PROBE_RESERVE = Duration.ofSeconds(2);

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
		return new Recorder(locator, cameras, new ClipStore(Clock.systemUTC()), disk);
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
		StopBudget stop = new StopBudget();
		if (Capture.SHUTDOWN.equals(capture.watchdog())) {
			stop.stopping();
		}
		Ffprobe probe = new Ffprobe(ffmpeg);
		StoredClip raw = stored(probe, partial, stop);
		if (raw == null) {
			if (DiskSpace.filledUp(camera.video().output(), capture.ffmpegOutput())) {
				return RecordingResult.failed(Cause.STORAGE,
						DiskSpace.full(camera.video().output()) + " before any frame was recorded", requested);
			}
			return RecordingResult.failed(failureCause(capture, camera), failureReason(capture, camera), requested);
		}
		Path mp4 = partial.resolveSibling(partial.getFileName().toString().replace(".mkv", ".mp4"));
		try {
			Finalized done = finalizeOrKeep(ffmpeg, camera, partial, raw, mp4, stop);
			ClipProbe clip = done.clip().probe();
			String name = done.file().getFileName().toString().endsWith(".mkv")
					? clipName.replaceFirst("\\.mp4$", ".mkv") : clipName;
			Path published = store.store(done.file(), camera.video().output(), name);
			// A clip kept as captured because the service stopped is never called done,
			// whatever its length: it is not the clip the service makes.
			boolean complete = clip.durationSeconds() >= requested - TOLERANCE_SECONDS && !done.stopped();
			boolean shortClip = clip.durationSeconds() < requested - TOLERANCE_SECONDS;
			String reason = join(shortClip ? shortReason(capture, camera, clip, requested) : null, done.kept());
			log.info("Clip {} from camera '{}': {} s, {} frames, {} {}x{}, {} bytes{}", published, camera.id(),
					String.format(java.util.Locale.ROOT, "%.1f", clip.durationSeconds()), clip.frames(), clip.codec(),
					clip.width(), clip.height(), clip.sizeBytes(), (reason == null) ? "" : " (" + reason + ")");
			return new RecordingResult(complete ? Outcome.COMPLETE : Outcome.PARTIAL,
					complete ? Cause.NONE : shortClip ? failureCause(capture, camera) : Cause.TIMEOUT, reason,
					published, clip, requested, opened, opened.plusMillis(Math.round(clip.durationSeconds() * 1000)));
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
			StopBudget stop = new StopBudget();
			double requested = camera.video().duration().toMillis() / 1000.0;
			// A finished MP4 counts only when it reads back whole: a kill during its
			// faststart pass leaves one that does not.
			StoredClip whole = stored(probe, mp4, stop);
			String kept = null;
			if (whole == null || whole.truncated()) {
				deleteQuietly(mp4);
				StoredClip raw = stored(probe, partial, stop);
				if (raw == null) {
					return Optional.empty();
				}
				Finalized done = finalizeOrKeep(ffmpeg, camera, partial, raw, mp4, stop);
				mp4 = done.file();
				kept = done.kept();
				whole = done.clip();
			}
			ClipProbe finished = whole.probe();
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

	/**
	 * The clip file as verified, why it was kept as captured (null when finalized), and
	 * whether that was because the service stopped.
	 */
	private record Finalized(Path file, StoredClip clip, String kept, boolean stopped) {
	}

	/**
	 * Finalizes the capture into {@code mp4} and verifies the result; when that fails, or
	 * cannot finish before the service stops, the footage is on disk all the same, so the
	 * capture is kept as the clip. The capture is never touched here: it is deleted only
	 * after its replacement was verified and published.
	 */
	private static Finalized finalizeOrKeep(FfmpegBinaries ffmpeg, CameraConfig camera, Path capture, StoredClip raw,
			Path mp4, StopBudget stop) {
		Ffprobe probe = new Ffprobe(ffmpeg);
		// When stopping, the re-encode gets what is left once a remux is sure to fit.
		Duration limit = stop.bound(FINALIZE_TIMEOUT, KEEP_RESERVE);
		String failure = null;
		if (limit != null) {
			try {
				ShortJob.runOrThrow(ffmpeg, FfmpegCommand.finalize(ffmpeg, capture, raw.probe(), camera.video(), mp4),
						limit);
				StoredClip clip = stored(probe, mp4, stop);
				if (clip != null) {
					return new Finalized(mp4, clip, null, false);
				}
				failure = "the finalized clip is not readable";
			}
			catch (IOException | FfmpegNotFoundException ex) {
				failure = ex.getMessage();
			}
		}
		boolean interrupted = stop.interrupted();
		deleteQuietly(mp4);
		String kept;
		if (stop.isStopping()) {
			kept = (limit == null) ? "kept as captured, not re-encoded (the service was stopping)"
					: "the service stopped while the clip was being finalized; kept as captured";
		}
		else {
			kept = keptReason(camera, failure);
		}
		log.warn("Camera '{}': {}{}", camera.id(), kept, interrupted ? " (finalize interrupted)" : "");
		return keepCapture(ffmpeg, capture, raw, mp4, stop, kept);
	}

	private static String keptReason(CameraConfig camera, String failure) {
		String why = DiskSpace.explain(camera.video().output(), failure);
		return "kept as captured, not re-encoded (" + why + ")";
	}

	/**
	 * The capture as the clip: copied into MP4 when that fits (in time and space) and
	 * reads back whole, else the capture file itself (Matroska), which needs no space and
	 * no time at all.
	 */
	private static Finalized keepCapture(FfmpegBinaries ffmpeg, Path capture, StoredClip raw, Path mp4, StopBudget stop,
			String kept) {
		Duration limit = stop.bound(FINALIZE_TIMEOUT, PROBE_RESERVE);
		if (limit != null) {
			try {
				ShortJob.runOrThrow(ffmpeg, FfmpegCommand.remux(ffmpeg, capture, mp4), limit);
				StoredClip clip = stored(new Ffprobe(ffmpeg), mp4, stop);
				if (clip != null && clip.probe().frames() >= raw.probe().frames()) {
					return new Finalized(mp4, clip, kept, stop.isStopping());
				}
			}
			catch (IOException ex) {
				// The capture itself is kept.
			}
			stop.interrupted();
		}
		deleteQuietly(mp4);
		return new Finalized(capture, raw, kept, stop.isStopping());
	}

	/**
	 * The file as stored, when it holds video; probed again within what is left of the
	 * grace when the service stopped during the probe.
	 */
	private static StoredClip stored(Ffprobe probe, Path file, StopBudget stop) {
		Duration limit = stop.bound(PROBE_TIMEOUT, Duration.ZERO);
		Optional<StoredClip> clip = (limit == null) ? Optional.empty() : probe.probeStored(file, limit);
		if (clip.isEmpty() && stop.interrupted()) {
			limit = stop.bound(PROBE_TIMEOUT, Duration.ZERO);
			clip = (limit == null) ? Optional.empty() : probe.probeStored(file, limit);
		}
		return clip.filter((c) -> c.probe().hasVideo()).orElse(null);
	}

	private static String join(String a, String b) {
		return (a == null) ? b : (b == null) ? a : a + "; " + b;
	}

	private static Cause failureCause(Capture c, CameraConfig camera) {
		if (DiskSpace.filledUp(camera.video().output(), c.ffmpegOutput())) {
			return Cause.STORAGE;
		}
		if (c.streamEnd() != null && c.streamEnd().explainsShortRecording()) {
			return switch (c.streamEnd().kind()) {
				case STALLED -> Cause.CAMERA_STALLED;
				case ENDED -> Cause.CAMERA_ENDED;
				case FENCED -> Cause.FENCED;
				default -> Cause.STREAM_BROKEN;
			};
		}
		if (c.watchdog() != null) {
			return c.watchdog().startsWith("no new frame") ? Cause.CAMERA_STALLED : Cause.TIMEOUT;
		}
		return FfmpegErrors.classify(c.ffmpegOutput());
	}

	private static String failureReason(Capture c, CameraConfig camera) {
		if (c.streamEnd() != null && c.streamEnd().explainsShortRecording()) {
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
				: (c.streamEnd() != null && c.streamEnd().explainsShortRecording()) ? c.streamEnd().detail()
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
			case FENCED -> Cause.FENCED;
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
