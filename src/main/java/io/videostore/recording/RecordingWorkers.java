package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.videostore.clips.AlarmContexts;
import io.videostore.clips.ClipRecord;
import io.videostore.clips.JobState;
import io.videostore.clips.JobView;
import io.videostore.clips.Jobs;
import io.videostore.config.AppConfig;
import io.videostore.recording.source.ClipSource;
import io.videostore.recording.source.ClipSource.Lane;
import io.videostore.recording.source.RecordingJob;
import io.videostore.recording.source.RecordingResult;
import io.videostore.storage.ClipNotifier;
import io.videostore.storage.Uploader;
import io.videostore.storage.retention.RetentionSweeper;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker threads: each takes a job from its lane, has the job's source make the clip,
 * stores the clip in the index and closes the job. A job that throws fails with a reason;
 * the worker carries on. {@code webhooks.workers} threads serve the capture lane (one
 * capture per camera at a time); as many more serve the clip lane, whose jobs mostly wait
 * for their window's end and may cut one camera's footage side by side.
 */
@Component
class RecordingWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RecordingWorkers.class);

	/**
	 * How long running recordings get to finish when the service stops, before they are
	 * cut short.
	 */
	private static final Duration STOP_GRACE = Duration.ofSeconds(25);

	/** A clip starting this long after its alarm or later says so. */
	static final Duration LATE_START = Duration.ofSeconds(5);

	private final int count;

	private final Lanes lanes;

	private final Jobs jobs;

	private final AlarmTime alarmTime;

	private final RecordingMetrics metrics;

	private final Clock clock;

	private final List<Thread> threads = new ArrayList<>();

	/** One capture per camera at a time, whatever the number of workers. */
	private final Map<String, Semaphore> cameraLocks = new ConcurrentHashMap<>();

	private final Map<Thread, RecordingJob> current = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	private volatile boolean running;

	private final RetentionSweeper retention;

	private final Uploader uploader;

	private final ClipNotifier notifier;

	private final ExactAnchor exactAnchor;

	RecordingWorkers(AppConfig config, Lanes lanes, Jobs jobs, AlarmTime alarmTime, RecordingMetrics metrics,
			Clock clock, RetentionSweeper retention, Uploader uploader, ClipNotifier notifier, AlarmContexts contexts) {
		this.exactAnchor = new ExactAnchor(contexts, clock);
		this.notifier = notifier;
		this.retention = retention;
		this.uploader = uploader;
		this.count = config.webhooks().workers();
		this.lanes = lanes;
		this.jobs = jobs;
		this.alarmTime = alarmTime;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		for (int i = 1; i <= this.count; i++) {
			startThread("recording-worker-" + i, Lane.CAPTURE);
			startThread("clip-assembler-" + i, Lane.CLIP);
		}
	}

	private void startThread(String name, Lane lane) {
		Thread t = new Thread(() -> work(lane), name);
		t.setDaemon(true);
		this.threads.add(t);
		t.start();
	}

	private void work(Lane lane) {
		while (!this.stopping && !Thread.currentThread().isInterrupted()) {
			RecordingJob job;
			try {
				job = this.lanes.take(lane);
			}
			catch (InterruptedException ex) {
				return;
			}
			Semaphore lock = (lane == Lane.CAPTURE)
					? this.cameraLocks.computeIfAbsent(job.camera().id(), (id) -> new Semaphore(1)) : null;
			try {
				if (lock != null) {
					lock.acquire();
				}
			}
			catch (InterruptedException ex) {
				// Never started: it stays queued for the next start.
				this.lanes.abandon(job);
				return;
			}
			try {
				this.current.put(Thread.currentThread(), job);
				run(job);
			}
			catch (RuntimeException | Error ex) {
				log.error("Recording job {} for camera '{}' failed unexpectedly", job.jobId(), job.camera().id(), ex);
				safely(() -> this.lanes.finished(job, JobState.FAILED,
						"internal error: " + ex.getClass().getSimpleName(), null));
			}
			finally {
				this.current.remove(Thread.currentThread());
				if (lock != null) {
					lock.release();
				}
			}
		}
	}

	private void run(RecordingJob job) {
		if (this.alarmTime.expired(job.window().alarm(), job.camera(), this.clock.instant())) {
			this.lanes.finished(job, JobState.EXPIRED, AlarmTime.expiryReason(job.window().alarm()), null);
			this.metrics.recorded(JobState.EXPIRED, null);
			return;
		}
		if (!this.lanes.starting(job)) {
			return;
		}
		this.metrics.active(+1);
		RecordingResult result;
		try {
			result = record(job);
		}
		finally {
			this.metrics.active(-1);
		}
		JobOutcome outcome = outcome(job, result, this.clock.instant(),
				(state, reason, clipId, second) -> announce(job, state, reason, result, clipId, second));
		this.metrics.recorded(outcome.state(), result);
		if (this.lanes.finished(outcome)) {
			OutcomeWriter.announce(outcome);
		}
	}

	/**
	 * What a recording's result makes of its job. The alarms that joined the recording
	 * have their own note and their own distance to the clip's start: they quote the
	 * recording's reason only, never how late the clip starts after this job's alarm.
	 */
	static JobOutcome outcome(RecordingJob job, RecordingResult result, Instant now, Announcement announce) {
		JobState state = state(result);
		String reason = withLateStart(job, result);
		return new JobOutcome(job, state, reason, result.reason(),
				(result.clip() != null) ? clipRecord(job, result, now) : null, now,
				(clipId, second) -> announce.announce(state, reason, clipId, second));
	}

	/** Told a written outcome's state, reason and clip id. */
	interface Announcement {

		/**
		 * @param secondClip true when another instance took the job over meanwhile: the
		 * clip is a second clip of the alarm, uploaded and kept, and the job's messages
		 * are that instance's to send
		 */
		void announce(JobState state, String reason, Long clipId, boolean secondClip);

	}

	/**
	 * The job's outcome is in the index: its clip is uploaded and counted for retention,
	 * and its alarms' subscribers are told.
	 */
	private void announce(RecordingJob job, JobState state, String reason, RecordingResult result, Long clipId,
			boolean secondClip) {
		if (clipId != null) {
			// After the job links the clip: its upload names the alarm.
			this.uploader.clipStored(clipId, job.camera().id(), result.clip(), result.coveredFrom());
			this.retention.clipStored();
		}
		if (secondClip) {
			return;
		}
		// After the upload is queued: the message waits for it, so its link works.
		this.notifier.jobEnded(job.alarmId(), job.jobId(), job.camera().id(), state.value(), reason, clipId);
		// Each alarm that joined this recording is told of the clip it shares.
		for (JobView joined : this.jobs.jobsJoinedTo(job.jobId())) {
			this.notifier.jobEnded(joined.alarmId(), joined.id(), job.camera().id(), state.value(),
					"shares the clip of alarm " + job.alarmId()
							+ ((joined.reason() != null) ? "; " + joined.reason() : ""),
					clipId);
		}
	}

	private RecordingResult record(RecordingJob job) {
		try {
			return job.source().record(this.exactAnchor.apply(job));
		}
		catch (InterruptedException ex) {
			return RecordingResult.failed(RecordingResult.Cause.TIMEOUT,
					"service stopped while the clip was being made", job.window().seconds());
		}
	}

	/**
	 * The result's reason, plus how late the clip starts when it starts well after its
	 * alarm (a slow IXON, a busy queue): the alarm's moment is then not on the clip.
	 */
	static String withLateStart(RecordingJob job, RecordingResult result) {
		if (result.coveredFrom() == null) {
			return withNote(job, result.reason());
		}
		Duration late = Duration.between(job.window().alarm(), result.coveredFrom());
		if (late.compareTo(LATE_START) < 0) {
			return withNote(job, result.reason());
		}
		String note = String.format(Locale.ROOT, "starts %.1f s after the alarm", late.toMillis() / 1000.0);
		return withNote(job, (result.reason() == null) ? note : result.reason() + "; " + note);
	}

	private static String withNote(RecordingJob job, String reason) {
		if (job.note() == null) {
			return reason;
		}
		return (reason == null) ? job.note() : job.note() + "; " + reason;
	}

	static ClipRecord clipRecord(RecordingJob job, RecordingResult r, Instant now) {
		return new ClipRecord(job.camera().id(), r.clip().toAbsolutePath().toString(), r.probe().durationSeconds(),
				r.probe().frames(), r.probe().codec(), r.probe().width(), r.probe().height(), r.probe().sizeBytes(),
				r.coveredFrom(), r.coveredTo(), now);
	}

	/** The job state a recording's outcome gives. */
	static JobState state(RecordingResult result) {
		return switch (result.outcome()) {
			case COMPLETE -> JobState.DONE;
			case PARTIAL -> JobState.PARTIAL;
			case FAILED -> JobState.FAILED;
		};
	}

	/**
	 * Interrupts idle workers and waits for busy ones up to the grace period; what is
	 * still recording then is interrupted, which makes a capture stop ffmpeg gracefully
	 * and keep what it has, and its outcome is recorded while the index is still open.
	 */
	@Override
	public void stop() {
		this.stopping = true;
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		for (Thread t : this.threads) {
			if (!this.current.containsKey(t)) {
				t.interrupt();
			}
		}
		for (Thread t : this.threads) {
			long left = deadline - System.nanoTime();
			if (left > 0 && !join(t, Duration.ofNanos(left))) {
				break;
			}
			// Idle now: interrupt it so it does not take another job.
			t.interrupt();
		}
		List<RecordingJob> cut = new ArrayList<>(this.current.values());
		int cutShort = cut.size();
		long cutDeadline = System.nanoTime() + ClipSource.CUT_SHORT_GRACE.toNanos();
		for (Thread t : this.threads) {
			long left = cutDeadline - System.nanoTime();
			if (left <= 0 || !join(t, Duration.ofNanos(left))) {
				break;
			}
		}
		// Those still running now did not even keep what they had in time.
		cut.removeIf((job) -> !this.current.containsValue(job));
		for (RecordingJob job : cut) {
			safely(() -> this.lanes.finished(job, JobState.FAILED, "service stopped during the recording", null));
		}
		this.running = false;
		log.info("Recording workers stopped: {} recording(s) cut short{}", cutShort,
				cut.isEmpty() ? "" : ", " + cut.size() + " of them failed without their clip");
	}

	/** False when this thread was interrupted while waiting. */
	private static boolean join(Thread t, Duration timeout) {
		try {
			t.join(Math.max(1, timeout.toMillis()));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** See {@link Phases}. */
	@Override
	public int getPhase() {
		return Phases.WORKERS;
	}

	private static void safely(Runnable r) {
		try {
			r.run();
		}
		catch (RuntimeException ex) {
			log.error("Could not record a job's outcome in the index", ex);
		}
	}

}
