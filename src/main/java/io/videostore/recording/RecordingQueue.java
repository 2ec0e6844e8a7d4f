package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.videostore.clips.AlarmIndex;
import io.videostore.config.AppConfig;
import io.videostore.config.CameraConfig;
import io.videostore.recording.ondemand.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The bounded queue of recordings and the workers that run them. Offering never blocks (a
 * full queue is an answer, not a wait). One camera never records twice at once: an alarm
 * for a camera whose recording is queued joins it; one for a camera capturing now extends
 * that capture (up to a cap) so the clip covers both alarms, and both link to it. When
 * the capture cannot be extended, a new recording follows it.
 */
@Component
public class RecordingQueue implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecordingQueue.class);

	/**
	 * A job that cannot start within this time after the alarm's createdOn would show
	 * nothing relevant.
	 */
	static final Duration MAX_START_DELAY = Duration.ofMinutes(5);

	/** Captures from cameras recorded on demand. */
	private final BlockingQueue<RecordingJob> queue = new LinkedBlockingQueue<>();

	/**
	 * Clips cut from pre-roll buffers: their own lane and threads, so a storm of
	 * on-demand captures cannot hold them back until their footage has left the buffer,
	 * and their wait for {@code post_roll} holds no capture.
	 */
	private final BlockingQueue<RecordingJob> clipQueue = new LinkedBlockingQueue<>();

	/** Jobs waiting in both lanes together, at most. */
	private final int capacity;

	private final AlarmIndex index;

	private final PreRollClips preRoll;

	private final Clock clock;

	private final AlarmTime alarmTime;

	private final RecordingWorkers workers;

	/**
	 * Per camera: the job waiting in the queue and the job capturing now (guarded by
	 * this).
	 */
	private final Map<String, RecordingJob> queuedByCamera = new HashMap<>();

	private final Map<String, Instant> capturingSince = new HashMap<>();

	private final Map<String, RecordingJob> capturingByCamera = new HashMap<>();

	private volatile boolean running;

	public RecordingQueue(AppConfig config, Recorder recorder, PreRollClips preRoll, AlarmIndex index,
			RecordingMetrics metrics, Clock clock) {
		this.capacity = config.webhooks().queueSize();
		this.index = index;
		this.preRoll = preRoll;
		this.clock = clock;
		this.alarmTime = new AlarmTime(config.webhooks().clockSkew());
		this.workers = new RecordingWorkers(config.webhooks().workers(), this, recorder, preRoll, index, metrics,
				clock);
		metrics.queueDepth(this::depth);
	}

	/**
	 * Offers an alarm to one camera: joins an overlapping recording of that camera, or
	 * queues a new one. Never blocks.
	 */
	public synchronized Submission submit(long alarmId, CameraConfig camera, LocalDateTime createdOn, String clipName) {
		if (!running) {
			return new Submission(Submission.State.STOPPING, 0, camera.id());
		}
		Instant now = clock.instant();
		Instant alarm = alarmTime.anchor(createdOn, now);
		Instant end = now.plus(camera.video().duration());
		if (expired(alarm, camera)) {
			// Too late to show anything relevant: neither joining a running capture nor
			// queueing helps.
			long id = index.createJob(alarmId, camera.id(), "queued", now, end, null);
			index.jobFinished(id, "expired", expiryReason(createdOn), null, now);
			return new Submission(Submission.State.EXPIRED, id, camera.id());
		}
		if (preRoll.buffers(camera)) {
			return queueClip(alarmId, camera, createdOn, alarm, clipName, now);
		}
		RecordingJob primary = queuedByCamera.get(camera.id());
		if (primary == null) {
			primary = extendCapture(camera, end);
		}
		if (primary != null) {
			long id = index.createJob(alarmId, camera.id(), "joined", now, end, primary.jobId());
			return new Submission(Submission.State.JOINED, id, camera.id());
		}
		if (depth() >= capacity) {
			return new Submission(Submission.State.FULL, 0, camera.id());
		}
		long id = index.createJob(alarmId, camera.id(), "queued", now, end, null);
		RecordingJob job = new RecordingJob(id, alarmId, camera, createdOn, alarm, clipName, now,
				RecordingWindow.of(camera.video().duration()));
		queue.add(job);
		queuedByCamera.put(camera.id(), job);
		return new Submission(Submission.State.QUEUED, id, camera.id());
	}

	/**
	 * A buffering camera makes each alarm's clip from shared segments, so there is
	 * nothing to join or extend: the job holds its window's footage in the buffer and
	 * waits in the clip lane.
	 */
	private Submission queueClip(long alarmId, CameraConfig camera, LocalDateTime createdOn, Instant alarm,
			String clipName, Instant now) {
		if (depth() >= capacity) {
			return new Submission(Submission.State.FULL, 0, camera.id());
		}
		Instant start = alarm.minus(camera.video().preRoll());
		Instant end = alarm.plus(camera.video().postRoll());
		long id = index.createJob(alarmId, camera.id(), "queued", start, end, null);
		preRoll.hold(id, camera, start, end);
		clipQueue.add(new RecordingJob(id, alarmId, camera, createdOn, alarm, clipName, now,
				RecordingWindow.of(camera.video().duration())));
		return new Submission(Submission.State.QUEUED, id, camera.id());
	}

	/**
	 * The capture running for this camera, extended so it also covers until {@code end};
	 * null when there is none or it cannot be extended that far (then a new recording is
	 * queued to follow it).
	 */
	private RecordingJob extendCapture(CameraConfig camera, Instant end) {
		RecordingJob capturing = capturingByCamera.get(camera.id());
		Instant since = capturingSince.get(camera.id());
		if (capturing == null || since == null || !capturing.window().extendTo(Duration.between(since, end))) {
			return null;
		}
		return capturing;
	}

	/** Blocks until a capture job is available. */
	RecordingJob take() throws InterruptedException {
		return queue.take();
	}

	/** Blocks until a pre-roll clip job is available. */
	RecordingJob takeClip() throws InterruptedException {
		return clipQueue.take();
	}

	/**
	 * The job leaves the queue and starts capturing: later alarms for its camera join it
	 * while it captures.
	 */
	synchronized boolean starting(RecordingJob job) {
		queuedByCamera.remove(job.camera().id(), job);
		if (expired(job.alarmAt(), job.camera())) {
			return false;
		}
		if (preRoll.buffers(job.camera())) {
			return true;
		}
		capturingByCamera.put(job.camera().id(), job);
		capturingSince.put(job.camera().id(), clock.instant());
		return true;
	}

	/**
	 * Too long after the alarm to show anything relevant, even allowing for IXON's clock
	 * running behind.
	 */
	private boolean expired(Instant alarm, CameraConfig camera) {
		Instant latest = alarm.plus(camera.video().duration()).plus(MAX_START_DELAY).plus(alarmTime.clockSkew());
		return clock.instant().isAfter(latest);
	}

	static String expiryReason(LocalDateTime createdOn) {
		return "could not start within " + MAX_START_DELAY.toMinutes() + " min of the alarm's createdOn " + createdOn
				+ " UTC (late webhook or clock skew)";
	}

	/**
	 * Closes a job and every job that joined it, atomically with respect to new joins.
	 */
	synchronized void finished(RecordingJob job, String state, String reason, Long clipId) {
		preRoll.release(job.jobId());
		if (capturingByCamera.remove(job.camera().id(), job)) {
			capturingSince.remove(job.camera().id());
		}
		index.jobFinished(job.jobId(), state, reason, clipId, clock.instant());
	}

	/** Jobs waiting in both lanes. */
	public int depth() {
		return queue.size() + clipQueue.size();
	}

	@Override
	public void start() {
		running = true;
		workers.start();
	}

	/**
	 * Stops accepting, fails what never started, lets running recordings finish within
	 * Spring's shutdown phase timeout, and records a reason for any that could not.
	 */
	@Override
	public void stop() {
		synchronized (this) {
			running = false;
		}
		List<RecordingJob> pending = new java.util.ArrayList<>();
		queue.drainTo(pending);
		clipQueue.drainTo(pending);
		for (RecordingJob job : pending) {
			synchronized (this) {
				queuedByCamera.remove(job.camera().id(), job);
			}
			preRoll.release(job.jobId());
			index.jobFinished(job.jobId(), "failed", "service stopped before the recording started", null,
					clock.instant());
		}
		List<RecordingJob> unfinished = workers.stop(Duration.ofSeconds(25));
		for (RecordingJob job : unfinished) {
			finished(job, "failed", "service stopped during the recording", null);
		}
		log.info("Recording queue stopped: {} queued job(s) failed, {} recording(s) cut short", pending.size(),
				unfinished.size());
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Starts before and stops after the web server, so no accepted request finds the
	 * queue closed.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
