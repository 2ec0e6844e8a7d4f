package io.videostore.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.videostore.clips.Jobs;
import io.videostore.config.CameraConfig;
import io.videostore.recording.RecordingQueue;
import io.videostore.recording.Submission;
import io.videostore.system.PeriodicWorker;
import io.videostore.system.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The jobs of stored alarms that the index failed to take right after the alarm (the
 * database went away between the two writes, or a connection the pool still held from
 * before a database restart failed): kept here and queued every {@link #RETRY_EVERY}
 * until the index answers. Without this the alarm would stay in the index with no job,
 * and the sender's retry would be taken for a copy of it and record nothing. Kept in
 * memory, like {@code recording.OutcomeWriter}'s outcomes: what is still waiting at a
 * stop is logged with the alarm's id.
 */
@Component
class UnqueuedJobs implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnqueuedJobs.class);

	static final Duration RETRY_EVERY = Duration.ofSeconds(2);

	/** One camera's job of a stored alarm, still to be queued. */
	record Pending(long alarmId, Instant receivedAt, CameraConfig camera, LocalDateTime createdOn, String clipName) {
	}

	/**
	 * Queued here only this long after the alarm arrived; after that
	 * {@link JoblessAlarms} closes the job with the reason (never both).
	 */
	static final Duration GIVE_UP = JoblessAlarms.AFTER.minusSeconds(5);

	private final Jobs jobs;

	private final RecordingQueue queue;

	private final List<Pending> pending = new ArrayList<>();

	private final PeriodicWorker retries = new PeriodicWorker("unqueued-jobs", RETRY_EVERY, () -> {
		retry();
		return false;
	});

	private volatile boolean running;

	UnqueuedJobs(Jobs jobs, RecordingQueue queue) {
		this.jobs = jobs;
		this.queue = queue;
	}

	/** Keeps a job to queue as soon as the index answers. */
	synchronized void keep(Pending job) {
		this.pending.add(job);
	}

	synchronized int waiting() {
		return this.pending.size();
	}

	/**
	 * Queues what waits, oldest first, until the index fails again; returns what is left.
	 */
	int retry() {
		List<Pending> batch;
		synchronized (this) {
			batch = List.copyOf(this.pending);
		}
		for (Pending p : batch) {
			try {
				// The failed write may have been taken after all (only its answer was
				// lost).
				boolean there = this.jobs.jobsForAlarm(p.alarmId())
					.stream()
					.anyMatch((j) -> j.cameraId().equals(p.camera().id()));
				if (!there) {
					Submission s = this.queue.submit(p.alarmId(), p.camera(), p.createdOn(), p.clipName());
					log.info("Alarm {}: its job for camera '{}' is queued now that the index answers again ({})",
							p.alarmId(), p.camera().id(), s.state().name().toLowerCase(java.util.Locale.ROOT));
				}
			}
			catch (DataAccessException | TransactionException ex) {
				break;
			}
			synchronized (this) {
				this.pending.remove(p);
			}
		}
		return waiting();
	}

	@Override
	public void start() {
		this.running = true;
		this.retries.start();
	}

	/** Before the queue stops: one last try, then what is left is named in the log. */
	@Override
	public void stop() {
		this.running = false;
		this.retries.stop(RETRY_EVERY);
		if (waiting() > 0 && retry() > 0) {
			synchronized (this) {
				log.error(
						"{} stored alarm(s) could not get their recording job before the stop (the index did not "
								+ "answer): alarms {}",
						this.pending.size(), this.pending.stream().map(Pending::alarmId).distinct().toList());
			}
		}
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
