package io.videostore.recording.preroll;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.videostore.camera.CameraSources;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegBinaries;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.FfmpegNotFoundException;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.recording.OwnedCameras;
import io.videostore.recording.preroll.buffer.BufferSettings;
import io.videostore.recording.preroll.buffer.BufferState;
import io.videostore.recording.preroll.buffer.LeftFootage;
import io.videostore.recording.preroll.buffer.Ring;
import io.videostore.recording.preroll.buffer.Segment;
import io.videostore.recording.preroll.buffer.SegmentBuffer;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.BufferStatus;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import io.videostore.recording.source.RecordingResult.Cause;
import io.videostore.recording.source.RecordingResult.Outcome;
import io.videostore.storage.ClipStore;
import io.videostore.storage.retention.DiskSpace;
import io.videostore.storage.retention.RetentionSweeper;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps a pre-roll buffer for every camera with {@code pre_roll > 0} while the service
 * runs, and makes an alarm's clip from it:
 * {@code [createdOn − pre_roll, createdOn + post_roll]}, anchored on the alarm's own time
 * rather than on the webhook's late arrival. Cameras without pre-roll are recorded on
 * demand as before.
 */
@Component
@Order(0)
class PreRollRecorder implements ClipSource, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PreRollRecorder.class);

	private final AppConfig config;

	private final FfmpegLocator locator;

	private final CameraSources sources;

	private final ClipStore store;

	private final DiskSpace disk;

	private final Map<String, SegmentBuffer> buffers = new ConcurrentHashMap<>();

	private final Map<Long, Ring.Lease> holds = new ConcurrentHashMap<>();

	/**
	 * Per job the previous run left pending whose clip could not be cut from the footage
	 * that run left: why, for the reason of the clip made now instead.
	 */
	private final Map<Long, String> notFromEarlierRun = new ConcurrentHashMap<>();

	private volatile boolean running;

	private final MeterRegistry metrics;

	/**
	 * False on a shared database: buffers start only for the cameras this instance owns
	 * ({@link #own}).
	 */
	private final boolean bufferAll;

	/** Which cameras this instance owns, and how it came to; null in tests alone. */
	private final OwnedCameras owned;

	@Autowired
	PreRollRecorder(AppConfig config, FfmpegLocator locator, CameraSources sources, ClipStore store,
			MeterRegistry metrics, RetentionSweeper retention, OwnedCameras owned) {
		this(config, locator, sources, store, metrics, retention.diskSpace(), owned);
	}

	PreRollRecorder(AppConfig config, FfmpegLocator locator, CameraSources sources, ClipStore store,
			MeterRegistry metrics, DiskSpace disk) {
		this(config, locator, sources, store, metrics, disk, null);
	}

	private PreRollRecorder(AppConfig config, FfmpegLocator locator, CameraSources sources, ClipStore store,
			MeterRegistry metrics, DiskSpace disk, OwnedCameras owned) {
		this.bufferAll = owned == null || !owned.shared();
		this.owned = owned;
		this.config = config;
		this.disk = disk;
		this.locator = locator;
		this.sources = sources;
		this.store = store;
		this.metrics = metrics;
	}

	/**
	 * Per buffering camera: 1 while it buffers, 0 while it reconnects or has failed; and
	 * its ring size.
	 */
	private void registerMetrics(String cameraId) {
		Gauge
			.builder("videostore.buffer.buffering", buffers,
					(b) -> (b.containsKey(cameraId) && b.get(cameraId).state().kind() == BufferState.Kind.BUFFERING) ? 1
							: 0)
			.tag("camera", cameraId)
			.description("1 while the camera's pre-roll buffer receives video")
			.register(metrics);
		Gauge.builder("videostore.buffer.bytes", buffers, (b) -> b.containsKey(cameraId) ? b.get(cameraId).bytes() : 0)
			.tag("camera", cameraId)
			.baseUnit("bytes")
			.register(metrics);
	}

	@Override
	public boolean serves(CameraConfig camera) {
		return this.buffers.containsKey(camera.id());
	}

	@Override
	public Lane lane() {
		return Lane.CLIP;
	}

	@Override
	public AlarmWindow window(CameraConfig camera, Instant alarm, Instant now) {
		return AlarmWindow.around(alarm, camera.video().preRoll(), camera.video().postRoll());
	}

	@Override
	public void hold(RecordingJob job) {
		SegmentBuffer buffer = this.buffers.get(job.camera().id());
		if (buffer != null) {
			this.holds.put(job.jobId(), buffer.ring().lease(job.window().cutFrom(), job.window().cutTo()));
		}
	}

	@Override
	public void release(RecordingJob job) {
		this.notFromEarlierRun.remove(job.jobId());
		Ring.Lease lease = this.holds.remove(job.jobId());
		if (lease != null) {
			lease.close();
		}
	}

	@Override
	public Optional<BufferStatus> buffer(String cameraId) {
		SegmentBuffer buffer = this.buffers.get(cameraId);
		if (buffer == null) {
			return Optional.empty();
		}
		BufferState state = buffer.state();
		return Optional.of(new BufferStatus(state.kind().name(), state.since(), state.detail()));
	}

	@Override
	public Map<String, BufferState> states() {
		Map<String, BufferState> states = new TreeMap<>();
		this.buffers.forEach((id, b) -> states.put(id, b.state()));
		return states;
	}

	@Override
	public RecordingResult record(RecordingJob job) throws InterruptedException {
		CameraConfig camera = job.camera();
		SegmentBuffer buffer = this.buffers.get(camera.id());
		AlarmWindow window = job.window();
		double requested = window.seconds();
		if (buffer == null) {
			return RecordingResult.failed(Cause.CAMERA_STALLED,
					"camera '" + camera.id() + "' has no pre-roll buffer (the service is stopping)", requested);
		}
		var full = this.disk.refusal(camera.video().output());
		if (full.isPresent()) {
			return RecordingResult.failed(Cause.STORAGE, full.get(), requested);
		}
		Path output = null;
		try {
			FfmpegBinaries ffmpeg = this.locator.locate(camera.video().ffmpegPath());
			output = this.store.partialDir(camera.video().output()).resolve(workFileName(job));
			Files.deleteIfExists(output);
			AssembledClip clip = new ClipAssembler(ffmpeg).assemble(buffer, window, camera.video(), output);
			Path published = this.store.store(clip.file(), camera.video().output(), job.clipName());
			String missing = clip.gaps().isEmpty() ? null
					: describeMissing(clip, gapNote(camera, buffer, clip.requestedFrom()));
			String found = (missing == null) ? clip.kept()
					: (clip.kept() == null) ? missing : missing + "; " + clip.kept();
			// Called either way, so the note about the earlier run's footage is not kept
			// for a clip that did not need it.
			String noted = withEarlierRun(job, found);
			String reason = clip.complete() ? found : noted;
			Cause cause = clip.complete() ? Cause.NONE
					: (clip.stoppedEarly() || clip.stoppedWhileCutting()) ? Cause.TIMEOUT : Cause.CAMERA_STALLED;
			return new RecordingResult(clip.complete() ? Outcome.COMPLETE : Outcome.PARTIAL, cause, reason, published,
					clip.probe(), requested, clip.coveredFrom(), clip.coveredTo());
		}
		catch (ClipAssemblyException ex) {
			if (DiskSpace.filledUp(camera.video().output(), ex.getMessage())) {
				return RecordingResult.failed(Cause.STORAGE,
						"could not store the clip: " + DiskSpace.full(camera.video().output()), requested);
			}
			return RecordingResult.failed(Cause.CAMERA_STALLED,
					withEarlierRun(job, ex.getMessage() + handOverNote(camera, job.window().from())), requested);
		}
		catch (FfmpegNotFoundException ex) {
			return RecordingResult.failed(Cause.FFMPEG_MISSING, ex.getMessage(), requested);
		}
		catch (IOException ex) {
			return RecordingResult.failed(Cause.STORAGE,
					"could not store the clip: " + DiskSpace.explain(camera.video().output(), ex.getMessage()),
					requested);
		}
		finally {
			deleteQuietly(output);
		}
	}

	/**
	 * A job's clip is cut into its work file once its window's footage is in: with that
	 * file there, the service died while making the clip, not while the camera recorded.
	 */
	@Override
	public String diedIn(RecordingJob job) {
		return ClipSource.died(Files.exists(workFile(job)) ? "while making the clip from the buffered footage"
				: "during the recording");
	}

	/**
	 * The clip of a job the previous run left pending: the clip it had assembled but not
	 * yet published, else one cut now from the footage that run left in the camera's
	 * buffer folder (set aside when the buffer started again).
	 */
	@Override
	public Optional<RecordingResult> salvage(RecordingJob job, Instant startedAt, String why) {
		CameraConfig camera = job.camera();
		List<Segment> left = List.of();
		Path output = workFile(job);
		try {
			FfmpegBinaries ffmpeg = this.locator.locate(camera.video().ffmpegPath());
			ClipProbe probe = Files.exists(output)
					? new Ffprobe(ffmpeg).probe(output).filter(ClipProbe::hasVideo).orElse(null) : null;
			if (probe != null) {
				Path published = this.store.store(output, camera.video().output(), job.clipName());
				String reason = why + "; its clip was assembled and is kept";
				log.warn("Clip {} from camera '{}' salvaged: {}", published, camera.id(), reason);
				return Optional.of(new RecordingResult(Outcome.COMPLETE, Cause.NONE, reason, published, probe,
						job.window().seconds(), job.window().cutFrom(),
						job.window().cutFrom().plusMillis(Math.round(probe.durationSeconds() * 1000))));
			}
			Files.deleteIfExists(output);
			left = LeftFootage.read(bufferFolder(camera).resolve(LeftFootage.FOLDER));
			Optional<AssembledClip> cut = new ClipAssembler(ffmpeg).assembleLeft(camera.id(), left, job.window(),
					camera.video(), this.store.partialDir(camera.video().output()).resolve(output.getFileName()));
			if (cut.isEmpty()) {
				this.notFromEarlierRun.put(job.jobId(), left.isEmpty() ? "the earlier run left no footage"
						: earlierRun(left) + ", before or after its window");
				return Optional.empty();
			}
			AssembledClip clip = cut.get();
			Path published = this.store.store(clip.file(), camera.video().output(), job.clipName());
			boolean whole = clip.gaps().isEmpty();
			String reason = why + "; cut from the footage buffered before"
					+ (whole ? "" : ": " + describeMissing(clip, handOverNote(camera, clip.requestedFrom())))
					+ ((clip.kept() != null) ? "; " + clip.kept() : "");
			log.warn("Clip {} from camera '{}' salvaged: {}", published, camera.id(), reason);
			return Optional
				.of(new RecordingResult(whole ? Outcome.COMPLETE : Outcome.PARTIAL, whole ? Cause.NONE : Cause.TIMEOUT,
						reason, published, clip.probe(), job.window().seconds(), clip.coveredFrom(), clip.coveredTo()));
		}
		catch (IOException | FfmpegNotFoundException | ClipAssemblyException ex) {
			log.warn("Could not salvage the clip of job {}: {}", job.jobId(), ex.getMessage());
			this.notFromEarlierRun.put(job.jobId(),
					(left.isEmpty() ? "the footage the earlier run left" : earlierRun(left)) + " could not be cut: "
							+ ex.getMessage());
			return Optional.empty();
		}
		finally {
			deleteQuietly(output);
		}
	}

	/**
	 * The footage earlier runs left is no longer needed once their jobs are recovered.
	 */
	@Override
	public void recovered() {
		for (CameraConfig camera : this.config.cameras()) {
			try {
				SegmentBuffer.deleteLeftFootage(bufferFolder(camera));
			}
			catch (IOException ex) {
				log.warn("Camera '{}': cannot delete the footage of an earlier run: {}", camera.id(), ex.getMessage());
			}
		}
	}

	/** The job's clip while it is cut, in {@code .partial/}: what a killed run leaves. */
	private static Path workFile(RecordingJob job) {
		return job.camera().video().output().resolve(ClipStore.PARTIAL_DIR).resolve(workFileName(job));
	}

	private static String workFileName(RecordingJob job) {
		return job.workName() + ".mp4";
	}

	/** The footage an earlier run left, as a reason says it. */
	private static String earlierRun(List<Segment> left) {
		return "the " + left.size() + " segment(s) the earlier run left, set aside at this start, cover "
				+ left.get(0).start() + " – " + left.get(left.size() - 1).end();
	}

	/** The reason, and why the footage the earlier run left did not give the clip. */
	private String withEarlierRun(RecordingJob job, String reason) {
		String earlier = this.notFromEarlierRun.remove(job.jobId());
		if (earlier == null) {
			return reason;
		}
		return (reason == null) ? earlier : reason + "; " + earlier;
	}

	private static Path bufferFolder(CameraConfig camera) {
		return camera.video().output().resolve(".buffer").resolve(camera.id());
	}

	/** When a camera's buffer last stopped streaming for a fence, and streamed again. */
	private record Pause(Instant from, Instant to) {
	}

	/** The last fence pause of each camera's buffer. */
	private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

	/**
	 * Why a gap in a live buffer's window is there, when this instance knows better than
	 * "camera outage": the camera was taken over by this instance after the window began,
	 * or the buffer was paused by a fence.
	 */
	private String gapNote(CameraConfig camera, SegmentBuffer buffer, Instant from) {
		String handOver = handOverNote(camera, from);
		if (!handOver.isEmpty()) {
			return handOver;
		}
		Pause pause = this.pauses.get(camera.id());
		if (pause != null && (pause.to() == null || pause.to().isAfter(from))) {
			return "; fenced: this instance could not reach the database to renew its lease on camera '" + camera.id()
					+ "', so its buffer stopped streaming from " + pause.from()
					+ ((pause.to() != null) ? " until " + pause.to() : "");
		}
		return "";
	}

	/**
	 * Why footage before the camera's take-over by this instance is missing, when the
	 * window starts before it; else empty.
	 */
	private String handOverNote(CameraConfig camera, Instant from) {
		if (this.owned == null) {
			return "";
		}
		return this.owned.handOver(camera.id())
			.filter((h) -> from.isBefore(h.at()))
			.map((h) -> "; " + h.describe(camera.id()))
			.orElse("");
	}

	/**
	 * What of the window had no video, and why.
	 * @param handOver why footage before this instance took the camera over is missing
	 * (see {@link #handOverNote}), or empty
	 */
	static String describeMissing(AssembledClip clip, String handOver) {
		String why = clip.stoppedEarly() ? "the service stopped before the window ended"
				: !handOver.isEmpty() ? handOver.substring(2) : "camera outage";
		return String.format(Locale.ROOT, "%.1f s of the window %s – %s had no video (%s): %s",
				clip.missing().toMillis() / 1000.0, clip.requestedFrom(), clip.requestedTo(), why,
				clip.gaps().stream().map(Gap::toString).collect(Collectors.joining(", ")));
	}

	@Override
	public void start() {
		running = true;
		for (CameraConfig camera : config.cameras()) {
			if (camera.video().preRoll().isZero() || camera.video().preRoll().isNegative()) {
				continue;
			}
			if (bufferAll) {
				startBuffer(camera);
			}
			else {
				setAside(camera);
			}
		}
	}

	@Override
	public synchronized void own(CameraConfig camera) {
		SegmentBuffer paused = buffers.get(camera.id());
		if (paused != null) {
			// Kept through a fence: it streams again at once.
			this.pauses.computeIfPresent(camera.id(),
					(id, p) -> (p.to() == null) ? new Pause(p.from(), Instant.now()) : p);
			paused.wake();
		}
		else if (running && !camera.video().preRoll().isZero() && !camera.video().preRoll().isNegative()) {
			startBuffer(camera);
		}
	}

	/**
	 * A buffer pumped through this JVM stops streaming by itself, frame by frame, once
	 * the lease cannot be proven (the camera sources' licence) and reconnects once it
	 * can: its ring, and the footage the waiting jobs need, stay. A camera ffmpeg opens
	 * itself (RTSP) is not pumped here: its buffer stops as when the camera is handed
	 * over.
	 */
	@Override
	public synchronized void fenced(CameraConfig camera) {
		if (CameraSources.openedByFfmpeg(camera)) {
			disown(camera);
		}
		else if (buffers.containsKey(camera.id())) {
			this.pauses.put(camera.id(), new Pause(Instant.now(), null));
			log.warn(
					"Camera '{}': pre-roll buffer paused (fenced: the lease cannot be proven); its footage stays "
							+ "for the clips that wait for it, and it streams again once the lease is renewed",
					camera.id());
		}
	}

	@Override
	public synchronized void disown(CameraConfig camera) {
		SegmentBuffer buffer = buffers.remove(camera.id());
		if (buffer != null) {
			buffer.close();
			log.info("Camera '{}': pre-roll buffer stopped (this instance no longer records the camera)", camera.id());
		}
	}

	/**
	 * Before its owner is known, a camera's footage left by an earlier run is set aside
	 * for the clips of that run's pending jobs, as a buffer's start would.
	 */
	private void setAside(CameraConfig camera) {
		try {
			SegmentBuffer.setAside(camera, bufferFolder(camera));
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Camera '{}': cannot set aside the footage of an earlier run: {}", camera.id(), ex.getMessage());
		}
	}

	private void startBuffer(CameraConfig camera) {
		try {
			FfmpegBinaries ffmpeg = locator.locate(camera.video().ffmpegPath());
			BufferSettings settings = BufferSettings.forCamera(camera, bufferFolder(camera).getParent(),
					config.webhooks().clockSkew());
			buffers.put(camera.id(), SegmentBuffer.start(ffmpeg, sources, camera, settings));
			registerMetrics(camera.id());
			log.info(
					"Camera '{}': pre-roll buffer running (one stream kept open around the clock); alarm clips "
							+ "cover createdOn - {} s to createdOn + {} s{}",
					camera.id(), seconds(camera.video().preRoll()), seconds(camera.video().postRoll()),
					camera.video().postRoll().isZero()
							? " (post_roll is 0: clips end at the alarm; set video.post_roll to see what followed)"
							: "");
		}
		catch (IOException | RuntimeException ex) {
			log.error("Camera '{}': pre-roll buffer could not start ({}); its alarms are recorded on demand",
					camera.id(), ex.getMessage());
		}
	}

	@Override
	public void stop() {
		running = false;
		List<SegmentBuffer> all = List.copyOf(buffers.values());
		buffers.clear();
		all.forEach(SegmentBuffer::close);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.PRE_ROLL;
	}

	private static String seconds(Duration d) {
		return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

	private static void deleteQuietly(Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete {}: {}", file, ex.getMessage());
		}
	}

}
