package io.videostore.recording.preroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.videostore.config.VideoConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegCommand;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.ffmpeg.ShortJob;
import io.videostore.recording.preroll.buffer.BufferState;
import io.videostore.recording.preroll.buffer.LeftFootage;
import io.videostore.recording.preroll.buffer.Ring;
import io.videostore.recording.preroll.buffer.Segment;
import io.videostore.recording.preroll.buffer.SegmentBuffer;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.ClipSource;
import io.videostore.storage.retention.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a clip for a window [createdOn − pre_roll, createdOn + post_roll] from a
 * camera's buffer: waits until the window end is in complete segments (or gives up after
 * a slack and uses what exists), concatenates the segments that overlap the window (cut
 * to the window for MJPEG, whole segments from keyframe to keyframe for H.264), and
 * probes the result. Overlapping alarms read the same segments; nothing is recorded
 * twice.
 */
class ClipAssembler {

	private static final Logger log = LoggerFactory.getLogger(ClipAssembler.class);

	/**
	 * Re-encoding minutes of 1080p on two cores takes a while; a hung ffmpeg cannot take
	 * longer.
	 */
	private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

	/**
	 * Of the grace after a stop, what is kept back for probing, publishing and recording
	 * the job.
	 */
	private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

	/**
	 * Codecs whose every frame is a keyframe, so a clip can be cut at any frame without
	 * re-encoding.
	 */
	private static final java.util.Set<String> INTRA_ONLY = java.util.Set.of("mjpeg", "png", "rawvideo");

	private final FfmpegBinaries ffmpeg;

	private final Ffprobe probe;

	public ClipAssembler(FfmpegBinaries ffmpeg) {
		this.ffmpeg = ffmpeg;
		this.probe = new Ffprobe(ffmpeg);
	}

	/**
	 * As {@link #assemble(SegmentBuffer, AlarmWindow, VideoConfig, Path, Duration)},
	 * waiting at most the buffer's stall timeout past the window end: after that the
	 * supervisor has declared the stream dead anyway.
	 */
	public AssembledClip assemble(SegmentBuffer buffer, AlarmWindow window, VideoConfig video, Path output)
			throws ClipAssemblyException, InterruptedException {
		return assemble(buffer, window, video, output, buffer.settings().stallTimeout());
	}

	/**
	 * Writes the clip for the window to {@code output} (MP4, faststart; H.264 yuv420p
	 * when {@code video.recode()}): MJPEG cut {@link AlarmWindow#EDGE} outside the
	 * window, other codecs in whole segments around it.
	 * @param slack how long past the window's end to wait for the segment holding it
	 * @throws ClipAssemblyException when the window holds no footage at all, or ffmpeg
	 * fails
	 */
	public AssembledClip assemble(SegmentBuffer buffer, AlarmWindow window, VideoConfig video, Path output,
			Duration slack) throws ClipAssemblyException, InterruptedException {
		try (Ring.Lease lease = buffer.ring().lease(window.cutFrom(), window.cutTo())) {
			Duration wait = Duration.between(buffer.clock().instant(), window.cutTo().plus(slack));
			boolean stoppedEarly = false;
			try {
				buffer.ring().awaitCoverage(window.cutTo(), System.nanoTime() + Math.max(0, wait.toNanos()));
			}
			catch (InterruptedException ex) {
				// The service is stopping: make the clip from what is buffered rather
				// than
				// lose the alarm. The interrupt is consumed, as a capture does, so the
				// clip
				// can still be made and stored.
				stoppedEarly = true;
			}
			return build(buffer, window, video, output, stoppedEarly);
		}
	}

	private AssembledClip build(SegmentBuffer buffer, AlarmWindow window, VideoConfig video, Path output,
			boolean stoppedEarly) throws ClipAssemblyException, InterruptedException {
		Instant from = window.from();
		Instant to = window.to();
		boolean covered = buffer.ring().awaitCoverage(to, System.nanoTime());
		if (buffer.ring().overlapping(from, to).isEmpty()) {
			throw new ClipAssemblyException(nothingBuffered(buffer, from, to));
		}
		List<Segment> segments = buffer.ring().overlapping(window.cutFrom(), window.cutTo());
		return cut(buffer.camera().id(), buffer.settings().folder(), segments, window, video, output,
				!covered && !stoppedEarly, stoppedEarly);
	}

	/**
	 * The clip for the window from footage a killed run left on disk (see
	 * {@link LeftFootage}); empty when none of it overlaps the window.
	 */
	Optional<AssembledClip> assembleLeft(String cameraId, List<Segment> left, AlarmWindow window, VideoConfig video,
			Path output) throws ClipAssemblyException {
		List<Segment> segments = left.stream()
			.filter((s) -> s.end().isAfter(window.cutFrom()) && s.start().isBefore(window.cutTo()))
			.toList();
		if (segments.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(cut(cameraId, output.getParent(), segments, window, video, output, false, true));
	}

	private AssembledClip cut(String cameraId, Path workFolder, List<Segment> segments, AlarmWindow window,
			VideoConfig video, Path output, boolean waitedFullTimeout, boolean stoppedEarly)
			throws ClipAssemblyException {
		long started = System.nanoTime();
		ClipProbe source = this.probe.probe(segments.get(0).file())
			.orElseThrow(() -> new ClipAssemblyException(
					"camera '" + cameraId + "': segment " + segments.get(0).file().getFileName() + " is not readable"));
		// Every MJPEG frame is a keyframe: cut just outside the window. Other codecs keep
		// whole segments (they start on a keyframe); cutting inside a GOP would show
		// frames from before the cut or break the first ones.
		boolean trim = INTRA_ONLY.contains(source.codec());
		Segment first = segments.get(0);
		Segment last = segments.get(segments.size() - 1);
		Instant cutFrom = window.cutFrom();
		Instant cutTo = window.cutTo();
		Instant coveredFrom = (trim && cutFrom.isAfter(first.start())) ? cutFrom : first.start();
		Instant coveredTo = (trim && cutTo.isBefore(last.end()) && cutTo.isAfter(coveredFrom)) ? cutTo : last.end();
		String list = trim ? ConcatList.of(segments, cutFrom, cutTo) : ConcatList.of(segments);
		Joined joined = concat(cameraId, workFolder, list, source, video, output);
		ClipProbe clip = joined.clip();
		List<Gap> gaps = Coverage.gaps(window.from(), window.to(), segments);
		log.info("Assembled {} s from {} segments of camera '{}' in {} ms{}",
				String.format(Locale.ROOT, "%.1f", clip.durationSeconds()), segments.size(), cameraId,
				(System.nanoTime() - started) / 1_000_000, gaps.isEmpty() ? "" : "; missing " + gaps);
		return new AssembledClip(output, clip, window.from(), window.to(), coveredFrom, coveredTo, gaps,
				waitedFullTimeout, stoppedEarly, joined.kept(), joined.stopped());
	}

	/**
	 * Joined footage: the clip, why it was kept as buffered rather than re-encoded (null
	 * when re-encoded as asked), and whether that was because the service stopped.
	 */
	private record Joined(ClipProbe clip, String kept, boolean stopped) {
	}

	/**
	 * Joins the listed footage into {@code output}; when re-encoding it fails (a disk too
	 * full for it, a broken encoder) or the service stops meanwhile, the footage is
	 * copied as it is instead, and the result says so. The copy after a stop is bounded
	 * by what is left of the grace ({@link ClipSource#CUT_SHORT_GRACE}); the segments are
	 * only read, never deleted here.
	 */
	private Joined concat(String cameraId, Path workFolder, String concatList, ClipProbe source, VideoConfig video,
			Path output) throws ClipAssemblyException {
		Path list = workFolder.resolve("concat-" + UUID.randomUUID() + ".ffconcat");
		try {
			Files.writeString(list, concatList, StandardCharsets.UTF_8);
			List<String> command = command(list, source, video, output);
			String kept = null;
			boolean stopped = false;
			try {
				ShortJob.runOrThrow(ffmpeg, command, JOB_TIMEOUT);
			}
			catch (IOException ex) {
				// The stop's interrupt is consumed, as a capture does, so the footage can
				// still be copied.
				stopped = Thread.interrupted();
				if (!command.contains("-c:v") && !stopped) {
					throw ex;
				}
				Files.deleteIfExists(output);
				kept = stopped
						? "the service stopped while the clip was being assembled; kept as buffered, not re-encoded"
						: "kept as buffered, not re-encoded (" + DiskSpace.explain(output.getParent(), ex.getMessage())
								+ ")";
				log.warn("Camera '{}': {}", cameraId, kept);
				ShortJob.runOrThrow(ffmpeg, copyCommand(list, output),
						stopped ? ClipSource.CUT_SHORT_GRACE.minus(STOP_MARGIN) : JOB_TIMEOUT);
			}
			Optional<ClipProbe> clip = probe.probe(output).filter(ClipProbe::hasVideo);
			if (clip.isEmpty() && Thread.interrupted()) {
				// Stopped during the probe: the clip is whole, probe it again.
				clip = probe.probe(output).filter(ClipProbe::hasVideo);
			}
			return new Joined(clip.orElseThrow(() -> new IOException("the assembled MP4 is not readable")), kept,
					stopped);
		}
		catch (IOException ex) {
			throw new ClipAssemblyException("cannot assemble a clip for camera '" + cameraId + "': " + ex.getMessage());
		}
		finally {
			try {
				Files.deleteIfExists(list);
			}
			catch (IOException ex) {
				// Removed with the buffer's leftovers.
			}
		}
	}

	private List<String> copyCommand(Path list, Path output) {
		return List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error", "-nostdin", "-n", "-f",
				"concat", "-safe", "0", "-i", list.toString(), "-map", "0:v:0", "-c", "copy", "-f", "mp4",
				output.toString());
	}

	List<String> command(Path list, ClipProbe source, VideoConfig video, Path output) {
		List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-hide_banner", "-loglevel", "error",
				"-nostdin", "-n", "-f", "concat", "-safe", "0", "-i", list.toString(), "-map", "0:v:0"));
		cmd.addAll(FfmpegCommand.videoCodec(ffmpeg, source, video));
		cmd.addAll(List.of("-movflags", "+faststart", "-f", "mp4", output.toString()));
		return cmd;
	}

	private static String nothingBuffered(SegmentBuffer buffer, Instant from, Instant to) {
		String message = "camera '" + buffer.camera().id() + "' has no buffered video between " + from + " and " + to
				+ " (buffer " + describe(buffer.state()) + ")";
		List<Segment> all = buffer.ring().segments();
		if (!all.isEmpty() && !to.isAfter(all.get(0).start())) {
			message += "; the window is older than the buffer, which keeps the last "
					+ buffer.settings().retain().toSeconds() + " s (pre_roll + post_roll + 10 s + webhooks.clock_skew):"
					+ " the webhook came late, or IXON's clock runs behind this machine's";
		}
		return message;
	}

	private static String describe(BufferState s) {
		String kind = (s.kind() == BufferState.Kind.STARTING) ? "still starting: no segment was in yet"
				: s.kind().name().toLowerCase(Locale.ROOT);
		return kind + (s.detail().isEmpty() ? "" : ": " + s.detail());
	}

}
