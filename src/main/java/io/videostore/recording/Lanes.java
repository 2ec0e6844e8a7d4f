package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.videostore.clips.Clips;
import io.videostore.clips.FencedException;
import io.videostore.clips.JobState;
import io.videostore.clips.Jobs;
import io.videostore.config.CameraConfig;
import io.videostore.recording.source.ClipSource.Lane;
import io.videostore.recording.source.RecordingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs between the webhook and the workers, and their life in the index. Two lanes
 * (captures opened on demand, clips cut from pre-roll buffers: a storm of captures cannot
 * hold clips back until their footage has left the buffer) bounded together by
 * {@code webhooks.queue_size}; per camera, the capture waiting and the capture running,
 * which later alarms join or extend. Every change to these is made under this object's
 * lock together with its index write, so an alarm is never joined to a capture that has
 * just ended.
 */
final class Lanes {

	private static final Logger log = LoggerFactory.getLogger(Lanes.class);

	private final Map<Lane, BlockingQueue<RecordingJob>> lanes = Map.of(Lane.CAPTURE, new LinkedBlockingQueue<>(),
			Lane.CLIP, new LinkedBlockingQueue<>());

	private final int capacity;

	private final Jobs jobs;

	private final OutcomeWriter outcomes;

	private final Clock clock;

	/** Per camera: the capture waiting in its lane. */
	private final Map<String, RecordingJob> queuedByCamera = new HashMap<>();

	/** Per camera: the capture running, and since when. */
	private final Map<String, Capturing> capturingByCamera = new HashMap<>();

	/** The ids of the jobs in a lane or running, until they end or are let go. */
	private final java.util.Set<Long> jobIds = new java.util.HashSet<>();

	private record Capturing(RecordingJob job, Instant since) {
	}

	Lanes(int capacity, Jobs jobs, OutcomeWriter outcomes, Clock clock) {
		this.capacity = capacity;
		this.jobs = jobs;
		this.outcomes = outcomes;
		this.clock = clock;
	}

	Lanes(int capacity, Jobs jobs, Clips clips, Clock clock) {
		this(capacity, jobs, new OutcomeWriter(jobs, clips), clock);
	}

	/** How many jobs may wait ({@code webhooks.queue_size}). */
	int capacity() {
		return this.capacity;
	}

	/** Jobs waiting in both lanes. */
	int depth() {
		return this.lanes.values().stream().mapToInt(BlockingQueue::size).sum();
	}

	/** Jobs of this camera waiting in either lane. */
	synchronized int depth(String cameraId) {
		return (int) this.lanes.values()
			.stream()
			.flatMap(BlockingQueue::stream)
			.filter((job) -> job.camera().id().equals(cameraId))
			.count();
	}

	synchronized boolean full() {
		return depth() >= this.capacity;
	}

	/** Queues a job in its source's lane; its source holds its footage until it ends. */
	synchronized void add(RecordingJob job) {
		this.jobIds.add(job.jobId());
		job.source().hold(job);
		if (job.source().lane() == Lane.CAPTURE) {
			this.queuedByCamera.put(job.camera().id(), job);
		}
		this.lanes.get(job.source().lane()).add(job);
	}

	/**
	 * The capture of this camera that an alarm ending at {@code end} can share: one still
	 * waiting, or one running that extends to cover until {@code end}; null when there is
	 * none (then a new capture follows the running one).
	 */
	synchronized RecordingJob joinable(CameraConfig camera, Instant end) {
		RecordingJob queued = this.queuedByCamera.get(camera.id());
		if (queued != null) {
			return queued;
		}
		Capturing capturing = this.capturingByCamera.get(camera.id());
		if (capturing == null || !capturing.job().length().extendTo(Duration.between(capturing.since(), end))) {
			return null;
		}
		return capturing.job();
	}

	/**
	 * Joins decided but still being written to the index, by the job they join. The index
	 * write of a join happens outside this object's lock, so that webhook threads do not
	 * queue for the lock while one of them waits for the database; the joined job's end
	 * waits for them instead ({@link #finished(JobOutcome)}), so every joined row exists
	 * when its outcome is written over it.
	 */
	private final Map<Long, Integer> joining = new HashMap<>();

	/** How long a job's end waits for joins being written. */
	private static final Duration JOIN_WAIT = Duration.ofSeconds(10);

	/**
	 * The job that {@link #joinable} returned gets a join, written to the index next;
	 * call {@link #joined} after that write, whether it worked or not.
	 */
	synchronized void joining(RecordingJob primary) {
		this.joining.merge(primary.jobId(), 1, Integer::sum);
	}

	synchronized void joined(RecordingJob primary) {
		this.joining.computeIfPresent(primary.jobId(), (id, n) -> (n == 1) ? null : n - 1);
		notifyAll();
	}

	/**
	 * Waits, releasing the lock, until the joins of a job that can no longer be joined
	 * are written (bounded: a write that hangs longer may leave its joined row without
	 * this job's outcome, and says so).
	 */
	private void awaitJoins(RecordingJob job) {
		long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
		while (this.joining.containsKey(job.jobId())) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				log.warn(
						"Job {} (camera '{}') ends while {} alarm(s) joining it are still being written to the "
								+ "index; their rows may stay 'joined' without this job's outcome",
						job.jobId(), job.camera().id(), this.joining.get(job.jobId()));
				return;
			}
			try {
				wait(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** True while the job waits in a lane or runs. */
	synchronized boolean has(long jobId) {
		return this.jobIds.contains(jobId);
	}

	/** Blocks until a job is waiting in the lane. */
	RecordingJob take(Lane lane) throws InterruptedException {
		return this.lanes.get(lane).take();
	}

	/**
	 * The job leaves its lane and starts: later alarms for its camera join a capture
	 * while it captures.
	 */
	synchronized boolean starting(RecordingJob job) {
		try {
			this.jobs.jobStarted(job.jobId(), this.clock.instant());
		}
		catch (FencedException ex) {
			// Taken over while this instance was paused or cut off: the other one records
			// it (or has). Not started here, and no outcome of it written from here.
			log.warn("Job {} (alarm {}, camera '{}') is not recorded here: {}", job.jobId(), job.alarmId(),
					job.camera().id(), ex.getMessage());
			abandon(job);
			return false;
		}
		catch (RuntimeException ex) {
			// The clip matters more than the row saying it is being made: the outcome
			// is written when the index answers again.
			log.warn("Job {} (alarm {}, camera '{}') starts although the index does not answer ({})", job.jobId(),
					job.alarmId(), job.camera().id(), ex.getClass().getSimpleName());
		}
		this.queuedByCamera.remove(job.camera().id(), job);
		if (job.source().lane() == Lane.CAPTURE) {
			this.capturingByCamera.put(job.camera().id(), new Capturing(job, this.clock.instant()));
		}
		return true;
	}

	/**
	 * Closes a job and every job that joined it, atomically with respect to new joins.
	 */
	void finished(RecordingJob job, JobState state, String reason, Long clipId) {
		finished(JobOutcome.of(job, state, reason, clipId, this.clock.instant()));
	}

	/**
	 * Closes a job and every job that joined it, atomically with respect to new joins;
	 * its outcome is written now or, while the index does not answer, kept and written
	 * when it does ({@link OutcomeWriter}).
	 * @return true when the outcome was written now (then the caller announces it)
	 */
	synchronized boolean finished(JobOutcome outcome) {
		RecordingJob job = outcome.job();
		this.jobIds.remove(job.jobId());
		this.queuedByCamera.remove(job.camera().id(), job);
		job.source().release(job);
		Capturing capturing = this.capturingByCamera.get(job.camera().id());
		if (capturing != null && capturing.job() == job) {
			this.capturingByCamera.remove(job.camera().id());
		}
		// No new join can find it now; those decided before are written first.
		awaitJoins(job);
		boolean written = this.outcomes.write(outcome);
		logEnd(job, outcome.state(), outcome.reason(), outcome.clipId());
		return written;
	}

	/** Every job's end, once: INFO when it made its clip, WARN otherwise, with why. */
	private static void logEnd(RecordingJob job, JobState state, String reason, Long clipId) {
		String clip = (clipId != null) ? ", clip " + clipId : "";
		if (state == JobState.DONE) {
			log.info("Job {} (alarm {}, camera '{}') done{}{}", job.jobId(), job.alarmId(), job.camera().id(), clip,
					(reason != null) ? ": " + reason : "");
		}
		else {
			log.warn("Job {} (alarm {}, camera '{}') {}{}: {}", job.jobId(), job.alarmId(), job.camera().id(),
					state.value(), clip, reason);
		}
	}

	/**
	 * Lets go of a job that stays open in the index (for the next start to pick up): its
	 * footage is no longer held.
	 */
	synchronized void abandon(RecordingJob job) {
		this.jobIds.remove(job.jobId());
		this.queuedByCamera.remove(job.camera().id(), job);
		job.source().release(job);
	}

	/** Empties both lanes; the caller closes the jobs. */
	synchronized List<RecordingJob> drain() {
		List<RecordingJob> pending = new ArrayList<>();
		this.lanes.values().forEach((q) -> q.drainTo(pending));
		return pending;
	}

}
