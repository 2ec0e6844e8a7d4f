package io.videostore.recording;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.videostore.clips.AlarmView;
import io.videostore.clips.Alarms;
import io.videostore.clips.Clips;
import io.videostore.clips.JobClaims;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.ffmpeg.ClipProbe;
import io.videostore.ffmpeg.FfmpegLocator;
import io.videostore.ffmpeg.Ffprobe;
import io.videostore.ffmpeg.OrphanFfmpeg;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import io.videostore.storage.ClipNames;
import io.videostore.storage.ClipStore;
import io.videostore.storage.Uploader;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start, the jobs a previous run left open. A job that was recording when the service
 * died (kill -9, crash, power loss) keeps what it captured: its clip is salvaged from the
 * work files on disk. A job that never got its turn (a stop, or the same death) is queued
 * again when its alarm is still young enough to be worth recording, and says how late;
 * the rest are closed with the reason that is true. Runs after the queue opens and before
 * the web server takes new alarms, and before left-over work files are cleaned.
 */
@Component
public class RestartRecovery implements SmartLifecycle {

	/**
	 * Why a job that was recording when the service died did not finish; the cluster says
	 * it of another instance.
	 */
	public static final String DIED = ClipSource.died("during the recording");

	private static final Logger log = LoggerFactory.getLogger(RestartRecovery.class);

	private final AppConfig config;

	private final Alarms alarms;

	private final Jobs jobs;

	private final Clips clips;

	private final RecordingQueue queue;

	private final ClipSources sources;

	private final AlarmTime alarmTime;

	private final Clock clock;

	private volatile boolean running;

	private final Uploader uploader;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final FfmpegLocator ffmpeg;

	RestartRecovery(AppConfig config, Alarms alarms, Jobs jobs, Clips clips, RecordingQueue queue, ClipSources sources,
			AlarmTime alarmTime, Clock clock, Uploader uploader, OwnedCameras owned, JobClaims claims,
			FfmpegLocator ffmpeg) {
		this.ffmpeg = ffmpeg;
		this.owned = owned;
		this.claims = claims;
		this.uploader = uploader;
		this.config = config;
		this.alarms = alarms;
		this.jobs = jobs;
		this.clips = clips;
		this.queue = queue;
		this.sources = sources;
		this.alarmTime = alarmTime;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = true;
		try {
			recoverAll();
		}
		finally {
			this.sources.all().forEach(ClipSource::recovered);
		}
	}

	private void recoverAll() {
		// On a shared database, only this instance's own jobs: the others' are theirs, or
		// their cameras' owners' once their claims run out.
		if (this.owned.shared()) {
			keepClipsOfJobsTakenOver();
		}
		var open = this.owned.shared() ? this.claims.mine(this.owned.instanceId()) : this.jobs.interruptedJobs();
		if (open.isEmpty()) {
			return;
		}
		stopOrphans();
		int salvaged = 0;
		int requeued = 0;
		int closed = 0;
		int handed = 0;
		for (JobView job : open) {
			try {
				switch (recover(job)) {
					case SALVAGED -> salvaged++;
					case REQUEUED -> requeued++;
					case CLOSED -> closed++;
					case HANDED_OVER -> handed++;
				}
			}
			catch (RuntimeException ex) {
				log.error("Could not recover job {} left by the previous run", job.id(), ex);
				safelyClose(job, "left open by the previous run; recovery failed: " + ex.getClass().getSimpleName());
				closed++;
			}
		}
		log.info("Jobs left open by the previous run: {} clip(s) salvaged, {} queued again, {} closed{}", salvaged,
				requeued, closed, this.owned.shared() ? ", " + handed + " handed to their cameras' owners" : "");
	}

	private enum Recovered {

		SALVAGED, REQUEUED, CLOSED,
		/** Back in the shared queue: the camera's owner records or closes it. */
		HANDED_OVER

	}

	private Recovered recover(JobView job) {
		Instant now = this.clock.instant();
		boolean handedOver = this.owned.shared()
				&& !this.claims.hold(job.id(), this.owned.instanceId(), this.owned.leaseFrom(now));
		if (handedOver) {
			// Another instance took it over while this one was down; a clip this one had
			// published meanwhile (its outcome waited for the database) is kept as a
			// second clip of the alarm, never left without its row.
			keepPublishedAsSecondClip(job, now);
			return Recovered.HANDED_OVER;
		}
		boolean died = job.state() == JobState.RUNNING;
		Optional<CameraConfig> configured = this.config.camera(job.cameraId());
		AlarmView alarm = this.alarms.alarm(job.alarmId()).orElse(null);
		if (configured.isEmpty() || alarm == null) {
			close(job, JobState.FAILED, (died ? DIED : "left queued by the previous run") + "; camera '"
					+ job.cameraId() + "' is no longer configured");
			return Recovered.CLOSED;
		}
		CameraConfig camera = configured.get();
		Instant anchor = this.alarmTime.anchor(alarm.createdOn(), alarm.receivedAt());
		String clipName = ClipNames.forAlarm(alarm.createdOn(), alarm.deviceName(),
				(this.config.cameras().size() > 1) ? camera.id() : null);
		ClipSource source = this.sources.sourceFor(camera);
		// A capture that was running left its work files; a pre-roll clip, running or
		// still queued, left its footage in the buffer folder.
		RecordingJob left = new RecordingJob(job.id(), job.alarmId(), camera,
				new AlarmWindow(anchor, job.windowStart(), job.windowEnd()), clipName, job.createdAt(),
				CaptureLength.of(camera.video().duration()), source);
		// A clip published before the process died with its outcome still in memory
		// (the database was away): the clip is there, only its row is missing. Looked
		// for when the job is queued too: its start may not have reached the database.
		Optional<RecordingResult> published = published(left, job);
		if (published.isPresent()) {
			return keep(left, published.get(), now);
		}
		// Read before the salvage removes the work files it is told by.
		String death = died ? source.diedIn(left) : null;
		if (died || source.lane() == ClipSource.Lane.CLIP) {
			Instant started = (job.startedAt() != null) ? job.startedAt() : job.windowStart();
			Optional<RecordingResult> kept = source.salvage(left, started,
					died ? death : "the service stopped before this clip was made");
			if (kept.isPresent()) {
				return keep(left, kept.get(), now);
			}
		}
		if (this.owned.shared()) {
			this.claims.giveUp(job.id(), this.owned.instanceId());
			return Recovered.HANDED_OVER;
		}
		if (!this.alarmTime.expired(anchor, camera, now)) {
			Submission s = this.queue.resume(job.id(), job.alarmId(), camera, anchor, clipName);
			if (s.state() == Submission.State.QUEUED) {
				log.info(
						"Job {} (alarm {}, camera '{}') left {} by the previous run: queued again, {} s after its alarm",
						job.id(), job.alarmId(), camera.id(), died ? "recording (nothing playable captured)" : "queued",
						Duration.between(anchor, now).toSeconds());
				return Recovered.REQUEUED;
			}
			close(job, JobState.FAILED, (died ? death : "left queued by the previous run")
					+ "; the queue was full again after the restart");
			return Recovered.CLOSED;
		}
		String late = "the service was back at " + now + ", " + Duration.between(anchor, now).toMinutes()
				+ " min after the alarm: too late to record it";
		close(job, died ? JobState.FAILED : JobState.EXPIRED,
				died ? death + "; nothing playable was captured, and " + late
						: "never recorded: the service stopped before its turn; " + late);
		return Recovered.CLOSED;
	}

	/**
	 * The jobs of the last hour that are not open in this instance's hands (others took
	 * them over while it was down, possibly more than once): a clip it had published of
	 * one, whose outcome waited for the database when it died, is kept as a second clip
	 * of the alarm. A job whose clip name has no unrecorded file in this instance's
	 * folder is passed over with a few file look-ups.
	 */
	private void keepClipsOfJobsTakenOver() {
		Instant now = this.clock.instant();
		for (JobView job : this.claims.notMine(this.owned.instanceId(), now.minus(Duration.ofHours(1)))) {
			try {
				keepPublishedAsSecondClip(job, now);
			}
			catch (RuntimeException ex) {
				log.warn("Job {}: could not look for the clip this instance had made of it ({})", job.id(),
						ex.getClass().getSimpleName());
			}
		}
	}

	private void keepPublishedAsSecondClip(JobView job, Instant now) {
		Optional<CameraConfig> camera = this.config.camera(job.cameraId());
		AlarmView alarm = this.alarms.alarm(job.alarmId()).orElse(null);
		if (camera.isEmpty() || alarm == null) {
			return;
		}
		RecordingJob left = leftBehind(job, camera.get(), alarm);
		published(left, job).ifPresent((r) -> {
			long clipId = this.clips.keepSecondClip(job.id(), RecordingWorkers.clipRecord(left, r, now));
			this.uploader.clipStored(clipId, camera.get().id(), r.clip(), r.coveredFrom());
			log.warn("Job {} (alarm {}): taken over while this instance was down; the clip it had made ({}) is kept as "
					+ "a second clip of the alarm", job.id(), job.alarmId(), r.clip());
		});
	}

	/** The job as the previous run knew it: its window from the stored alarm. */
	private RecordingJob leftBehind(JobView job, CameraConfig camera, AlarmView alarm) {
		Instant anchor = this.alarmTime.anchor(alarm.createdOn(), alarm.receivedAt());
		String clipName = ClipNames.forAlarm(alarm.createdOn(), alarm.deviceName(),
				(this.config.cameras().size() > 1) ? camera.id() : null);
		return new RecordingJob(job.id(), job.alarmId(), camera,
				new AlarmWindow(anchor, job.windowStart(), job.windowEnd()), clipName, job.createdAt(),
				CaptureLength.of(camera.video().duration()), this.sources.sourceFor(camera));
	}

	/** Ends the job with the clip found for it, and queues the clip's upload. */
	private Recovered keep(RecordingJob left, RecordingResult r, Instant now) {
		long clipId = this.clips.recordClip(RecordingWorkers.clipRecord(left, r, now));
		this.jobs.jobFinished(left.jobId(), RecordingWorkers.state(r), r.reason(), clipId, now);
		this.uploader.clipStored(clipId, left.camera().id(), r.clip(), r.coveredFrom());
		return Recovered.SALVAGED;
	}

	/**
	 * The clip this job published under its name (or a numbered variant) that no clip row
	 * names, probed: made before the process died with the outcome unwritten.
	 */
	private Optional<RecordingResult> published(RecordingJob left, JobView job) {
		String name = left.clipName();
		boolean video = name.endsWith(".mp4") || name.endsWith(".mkv");
		String stem = video ? name.substring(0, name.length() - 4) : name;
		String ext = video ? name.substring(name.length() - 4) : "";
		java.nio.file.Path folder = left.camera().video().output();
		for (int n = 1; n < 10; n++) {
			java.nio.file.Path file = folder.resolve((n == 1) ? stem + ext : stem + "_" + n + ext);
			if (!java.nio.file.Files.isRegularFile(file) || this.clips.clipAt(file.toAbsolutePath().toString())) {
				continue;
			}
			try {
				var stored = new Ffprobe(this.ffmpeg.locate(left.camera().video().ffmpegPath())).probeStored(file,
						Duration.ofSeconds(30));
				if (stored.isEmpty() || !stored.get().probe().hasVideo()) {
					continue;
				}
				ClipProbe probe = stored.get().probe();
				Instant from = (job.startedAt() != null) ? job.startedAt() : job.windowStart();
				return Optional.of(new RecordingResult(RecordingResult.Outcome.PARTIAL, RecordingResult.Cause.NONE,
						"recorded, but the instance stopped (kill -9, crash or power loss) before it could store the "
								+ "outcome, which waited for the database; the clip is kept as it was published",
						file, probe, left.window().seconds(), from,
						from.plusMillis(Math.round(probe.durationSeconds() * 1000))));
			}
			catch (RuntimeException ex) {
				log.warn("Job {}: cannot read {} left by the previous run ({})", job.id(), file,
						ex.getClass().getSimpleName());
			}
		}
		return Optional.empty();
	}

	private void close(JobView job, JobState state, String reason) {
		this.jobs.jobFinished(job.id(), state, reason, null, this.clock.instant());
		log.warn("Job {} (alarm {}, camera '{}') {}: {}", job.id(), job.alarmId(), job.cameraId(), state.value(),
				reason);
	}

	private void safelyClose(JobView job, String reason) {
		try {
			close(job, JobState.FAILED, reason);
		}
		catch (RuntimeException ex) {
			log.error("Could not close job {}: {}", job.id(), ex.getMessage());
		}
	}

	/**
	 * A finalize or assembly ffmpeg reads files, not a pipe: it outlives a killed JVM and
	 * would still be writing into the work files about to be salvaged.
	 */
	private void stopOrphans() {
		Set<Path> folders = new LinkedHashSet<>();
		folders.add(this.config.video().output().resolve(ClipStore.PARTIAL_DIR));
		this.config.cameras().forEach((c) -> folders.add(c.video().output().resolve(ClipStore.PARTIAL_DIR)));
		folders.forEach((folder) -> OrphanFfmpeg.stopWritersOf(folder, RecordingJob.WORK_PREFIX));
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.AFTER_QUEUE;
	}

}
