package io.videostore.recording;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.videostore.clips.JobClaims;
import io.videostore.clips.JobState;
import io.videostore.clips.Jobs;
import io.videostore.config.CameraConfig;
import io.videostore.recording.source.AlarmWindow;
import io.videostore.recording.source.BufferStatus;
import io.videostore.recording.source.CaptureLength;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.ClipSource.Lane;
import io.videostore.recording.source.RecordingJob;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where alarms become recording jobs. Offering never blocks (a full queue is an answer,
 * not a wait). One camera never captures twice at once: an alarm for a camera whose
 * capture is queued joins it; one for a camera capturing now extends that capture (up to
 * a cap) so the clip covers both alarms, and both link to it. When the capture cannot be
 * extended, a new one follows it. A camera with a pre-roll buffer gets a clip of its own
 * per alarm, cut from the buffer. How much of {@code webhooks.queue_size} each site and
 * camera may fill: {@link QueueShares}.
 */
@Component
public class RecordingQueue implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecordingQueue.class);

	private final Lanes lanes;

	private final ClipSources sources;

	private final Jobs jobs;

	private final AlarmTime alarmTime;

	private final Clock clock;

	private volatile boolean running;

	private final OwnedCameras owned;

	private final JobClaims claims;

	private final QueueShares shares;

	/** Without the cameras' list: each camera counts as alone in its site. */
	RecordingQueue(Lanes lanes, ClipSources sources, Jobs jobs, AlarmTime alarmTime, RecordingMetrics metrics,
			Clock clock, OwnedCameras owned, JobClaims claims) {
		this(lanes, sources, jobs, alarmTime, metrics, clock, owned, claims,
				new QueueShares(lanes.capacity(), List.of(), owned, claims, (site) -> true, (camera) -> true));
	}

	@Autowired
	RecordingQueue(Lanes lanes, ClipSources sources, Jobs jobs, AlarmTime alarmTime, RecordingMetrics metrics,
			Clock clock, OwnedCameras owned, JobClaims claims, QueueShares shares) {
		this.owned = owned;
		this.claims = claims;
		this.shares = shares;
		this.lanes = lanes;
		this.sources = sources;
		this.jobs = jobs;
		this.alarmTime = alarmTime;
		this.clock = clock;
		metrics.queueDepth(lanes::depth);
	}

	/**
	 * Offers an alarm to one camera: joins an overlapping capture of that camera, or
	 * queues a new job. Never blocks. On a shared database, the job of a camera another
	 * instance owns waits in the database for its owner ({@link #adopt}), and the queue's
	 * bound holds per site and per camera ({@link QueueShares}).
	 */
	public Submission submit(long alarmId, CameraConfig camera, LocalDateTime createdOn, String clipName) {
		Offer offer;
		synchronized (this.lanes) {
			offer = offer(alarmId, camera, createdOn, clipName);
		}
		if (offer.joins() == null) {
			return offer.done();
		}
		// A join is written outside the queue's lock: webhook threads do not queue for
		// the lock while one of them waits for the index (for SQLite's one writer, behind
		// every other thread's alarm row), and the joined capture's end waits for this
		// row instead (Lanes#joining).
		try {
			long id = this.jobs.createJob(alarmId, camera.id(), JobState.JOINED, offer.window().from(),
					offer.window().to(), offer.joins().jobId());
			return new Submission(Submission.State.JOINED, id, camera.id());
		}
		finally {
			this.lanes.joined(offer.joins());
		}
	}

	/**
	 * What {@link #submit} decided under the queue's lock: a submission done, or a job to
	 * join with the alarm's window (its row still to be written).
	 */
	private record Offer(Submission done, RecordingJob joins, AlarmWindow window) {

		static Offer done(Submission s) {
			return new Offer(s, null, null);
		}

	}

	private Offer offer(long alarmId, CameraConfig camera, LocalDateTime createdOn, String clipName) {
		if (!this.running) {
			return Offer.done(new Submission(Submission.State.STOPPING, 0, camera.id()));
		}
		Instant now = this.clock.instant();
		ClipSource source = this.sources.sourceFor(camera);
		Instant anchor = this.alarmTime.anchor(createdOn, now);
		// Another instance's camera: the window its owner's buffer will cut, if it
		// keeps one (not the on-demand window this instance would record).
		AlarmWindow window = (!this.owned.owns(camera.id()) && !camera.video().preRoll().isZero())
				? AlarmWindow.around(anchor, camera.video().preRoll(), camera.video().postRoll())
				: source.window(camera, anchor, now);
		if (this.alarmTime.expired(window.alarm(), camera, now)) {
			// Too late to show anything relevant: neither joining a capture nor
			// queueing helps.
			long id = this.jobs.createJob(alarmId, camera.id(), JobState.QUEUED, window.from(), window.to(), null);
			this.jobs.jobFinished(id, JobState.EXPIRED, AlarmTime.expiryReason(window.alarm()), null, now);
			return Offer.done(new Submission(Submission.State.EXPIRED, id, camera.id()));
		}
		boolean mine = this.owned.owns(camera.id());
		RecordingJob primary = (mine && source.lane() == Lane.CAPTURE) ? this.lanes.joinable(camera, window.to())
				: null;
		if (primary != null) {
			this.lanes.joining(primary);
			return new Offer(null, primary, window);
		}
		String full = this.shares.full(camera, this.lanes);
		if (full != null) {
			return Offer.done(new Submission(Submission.State.FULL, 0, camera.id(), full));
		}
		if (!mine) {
			long id = this.jobs.createJob(alarmId, camera.id(), JobState.QUEUED, window.from(), window.to(), null);
			return Offer.done(new Submission(Submission.State.QUEUED, id, camera.id()));
		}
		long id = this.owned.shared()
				? this.jobs.createJob(alarmId, camera.id(), JobState.QUEUED, window.from(), window.to(), null,
						this.owned.instanceId(), this.owned.leaseFrom(now))
				: this.jobs.createJob(alarmId, camera.id(), JobState.QUEUED, window.from(), window.to(), null);
		this.lanes.add(new RecordingJob(id, alarmId, camera, window, clipName, now,
				CaptureLength.of(camera.video().duration()), source));
		return Offer.done(new Submission(Submission.State.QUEUED, id, camera.id()));
	}

	/**
	 * True when this instance has no job of the camera queued or running. Under the
	 * queue's lock: an alarm offered meanwhile either made its job already, or sees the
	 * camera as no longer owned.
	 */
	public boolean idle(String cameraId) {
		synchronized (this.lanes) {
			return !this.claims.busy(this.owned.instanceId(), cameraId);
		}
	}

	/**
	 * Takes on a job this instance claimed from the shared queue (queued by another
	 * instance, or left by one that died): it joins an overlapping capture of its camera,
	 * or waits in its source's lane under its own id with a window computed from now; one
	 * whose alarm is too old now is closed as expired. Never blocks.
	 * @param alarm when the alarm happened (see {@link AlarmTime})
	 */
	public Submission adopt(long jobId, long alarmId, CameraConfig camera, Instant alarm, String clipName,
			String note) {
		synchronized (this.lanes) {
			if (!this.running) {
				return new Submission(Submission.State.STOPPING, jobId, camera.id());
			}
			if (this.lanes.has(jobId)) {
				// Already here: a claim renewed late was claimed again by this instance.
				return new Submission(Submission.State.QUEUED, jobId, camera.id());
			}
			Instant now = this.clock.instant();
			if (this.alarmTime.expired(alarm, camera, now)) {
				this.jobs.jobFinished(jobId, JobState.EXPIRED, AlarmTime.expiryReason(alarm), null, now);
				return new Submission(Submission.State.EXPIRED, jobId, camera.id());
			}
			ClipSource source = this.sources.sourceFor(camera);
			AlarmWindow window = source.window(camera, alarm, now);
			RecordingJob primary = (source.lane() == Lane.CAPTURE) ? this.lanes.joinable(camera, window.to()) : null;
			if (primary != null && this.jobs.joinJob(jobId, primary.jobId())) {
				return new Submission(Submission.State.JOINED, jobId, camera.id());
			}
			this.jobs.requeue(jobId);
			this.lanes.add(new RecordingJob(jobId, alarmId, camera, window, clipName, now,
					CaptureLength.of(camera.video().duration()), source, note));
			return new Submission(Submission.State.QUEUED, jobId, camera.id());
		}
	}

	/**
	 * Puts a job that a previous run left open back in its source's lane, under its own
	 * id, with a window computed from now. Never blocks.
	 */
	Submission resume(long jobId, long alarmId, CameraConfig camera, Instant alarm, String clipName) {
		synchronized (this.lanes) {
			if (!this.running) {
				return new Submission(Submission.State.STOPPING, jobId, camera.id());
			}
			if (this.lanes.full()) {
				return new Submission(Submission.State.FULL, jobId, camera.id());
			}
			Instant now = this.clock.instant();
			ClipSource source = this.sources.sourceFor(camera);
			this.jobs.requeue(jobId);
			this.lanes.add(new RecordingJob(jobId, alarmId, camera, source.window(camera, alarm, now), clipName, now,
					CaptureLength.of(camera.video().duration()), source));
			return new Submission(Submission.State.QUEUED, jobId, camera.id());
		}
	}

	/**
	 * True when the camera's clips are cut from its pre-roll buffer now, false when it is
	 * recorded on demand (also when its buffer could not start).
	 */
	public boolean buffered(CameraConfig camera) {
		return this.sources.sourceFor(camera).lane() == Lane.CLIP;
	}

	/** The camera's pre-roll buffer, if it has one. */
	public Optional<BufferStatus> buffer(CameraConfig camera) {
		return this.sources.all().stream().map((s) -> s.buffer(camera.id())).flatMap(Optional::stream).findFirst();
	}

	/** Jobs waiting in both lanes. */
	public int depth() {
		return this.lanes.depth();
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Stops accepting. What never started stays queued in the index: the next start
	 * records it if its alarm is still young enough, else closes it with the reason. The
	 * workers, which stop before this (while the web server still takes alarms), finish
	 * or cut short what is running.
	 */
	@Override
	public void stop() {
		List<RecordingJob> pending;
		synchronized (this.lanes) {
			this.running = false;
			pending = this.lanes.drain();
			pending.forEach(this.lanes::abandon);
		}
		if (!pending.isEmpty()) {
			log.info("Recording queue stopped: {} job(s) left queued for the next start", pending.size());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.QUEUE;
	}

}
