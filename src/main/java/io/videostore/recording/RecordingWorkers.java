package io.videostore.recording;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.videostore.clips.AlarmIndex;
import io.videostore.clips.ClipRecord;
import io.videostore.recording.ondemand.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: each takes a job, records it, stores the clip in the index and
 * closes the job. A job that throws fails with a reason; the worker carries on.
 * {@code workers} threads capture from cameras recorded on demand (one capture per camera
 * at a time); as many more cut clips from pre-roll buffers, which mostly wait for the
 * window's end and may work on one camera's footage side by side.
 */
class RecordingWorkers {

	private static final Logger log = LoggerFactory.getLogger(RecordingWorkers.class);

	private final int count;

	private final RecordingQueue queue;

	private final Recorder recorder;

	private final PreRollClips preRoll;

	private final AlarmIndex index;

	private final RecordingMetrics metrics;

	private final Clock clock;

	private final List<Thread> threads = new ArrayList<>();

	/** One capture per camera at a time, whatever the number of workers. */
	private final Map<String, Semaphore> cameraLocks = new ConcurrentHashMap<>();

	private final Map<Thread, RecordingJob> current = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	RecordingWorkers(int count, RecordingQueue queue, Recorder recorder, PreRollClips preRoll, AlarmIndex index,
			RecordingMetrics metrics, Clock clock) {
		this.count = count;
		this.queue = queue;
		this.recorder = recorder;
		this.preRoll = preRoll;
		this.index = index;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Where a thread takes its jobs from. */
	private interface Lane {

		RecordingJob take() throws InterruptedException;

	}

	synchronized void start() {
		for (int i = 1; i <= count; i++) {
			startThread("recording-worker-" + i, queue::take, true);
			startThread("clip-assembler-" + i, queue::takeClip, false);
		}
	}

	private void startThread(String name, Lane lane, boolean oneJobPerCamera) {
		Thread t = new Thread(() -> work(lane, oneJobPerCamera), name);
		t.setDaemon(true);
		threads.add(t);
		t.start();
	}

	private void work(Lane lane, boolean oneJobPerCamera) {
		while (!stopping && !Thread.currentThread().isInterrupted()) {
			RecordingJob job;
			try {
				job = lane.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			Semaphore lock = oneJobPerCamera ? cameraLocks.computeIfAbsent(job.camera().id(), (id) -> new Semaphore(1))
					: null;
			try {
				if (lock != null) {
					lock.acquire();
				}
			}
			catch (InterruptedException ex) {
				queue.finished(job, "failed", "service stopped before the recording started", null);
				return;
			}
			try {
				current.put(Thread.currentThread(), job);
				run(job);
			}
			catch (RuntimeException | Error ex) {
				log.error("Recording job {} for camera '{}' failed unexpectedly", job.jobId(), job.camera().id(), ex);
				safely(() -> queue.finished(job, "failed", "internal error: " + ex.getClass().getSimpleName(), null));
			}
			finally {
				current.remove(Thread.currentThread());
				if (lock != null) {
					lock.release();
				}
			}
		}
	}

	private void run(RecordingJob job) {
		if (!queue.starting(job)) {
			log.warn("Job {} for camera '{}' expired: it could not start within {} of the alarm ({} UTC)", job.jobId(),
					job.camera().id(), RecordingQueue.MAX_START_DELAY, job.createdOn());
			queue.finished(job, "expired", RecordingQueue.expiryReason(job.createdOn()), null);
			metrics.recorded("expired", null);
			return;
		}
		index.jobStarted(job.jobId(), clock.instant());
		metrics.active(+1);
		RecordingResult result;
		try {
			result = preRoll.buffers(job.camera()) ? fromBuffer(job)
					: recorder.record(job.camera(), job.clipName(), RecordingProgress.Listener.NONE, job.window());
		}
		finally {
			metrics.active(-1);
		}
		Long clipId = (result.clip() != null) ? index.recordClip(clipRecord(job, result)) : null;
		String state = switch (result.outcome()) {
			case COMPLETE -> "done";
			case PARTIAL -> "partial";
			case FAILED -> "failed";
		};
		queue.finished(job, state, result.reason(), clipId);
		metrics.recorded(state, result);
	}

	private RecordingResult fromBuffer(RecordingJob job) {
		try {
			return preRoll.record(job.camera(), job.alarmAt(), job.clipName());
		}
		catch (InterruptedException ex) {
			return RecordingResult.failed(RecordingResult.Cause.TIMEOUT,
					"service stopped while the clip was being assembled", job.camera().video().duration().toSeconds());
		}
	}

	private ClipRecord clipRecord(RecordingJob job, RecordingResult r) {
		return new ClipRecord(job.camera().id(), r.clip().toAbsolutePath().toString(), r.probe().durationSeconds(),
				r.probe().frames(), r.probe().codec(), r.probe().width(), r.probe().height(), r.probe().sizeBytes(),
				r.coveredFrom(), r.coveredTo(), clock.instant());
	}

	/**
	 * Interrupts idle workers and waits for busy ones up to the grace period.
	 * @return the jobs still recording when the grace period ended
	 */
	List<RecordingJob> stop(Duration grace) {
		long deadline = System.nanoTime() + grace.toNanos();
		stopping = true;
		for (Thread t : threads) {
			if (!current.containsKey(t)) {
				t.interrupt();
			}
		}
		for (Thread t : threads) {
			long left = deadline - System.nanoTime();
			try {
				if (left > 0) {
					t.join(Math.max(1, left / 1_000_000));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			// Idle now: interrupt it so it does not take another job.
			t.interrupt();
		}
		// Still recording after the grace period: the interrupt makes the capture stop
		// ffmpeg gracefully and keep
		// what it has; wait for those workers to record their outcome while the index is
		// still open.
		List<RecordingJob> cut = new ArrayList<>(current.values());
		for (Thread t : threads) {
			try {
				t.join(15_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		cut.removeIf((job) -> !current.containsValue(job));
		return cut;
	}

	private static void safely(Runnable r) {
		try {
			r.run();
		}
		catch (RuntimeException ex) {
			log.error("Could not record a job's failure in the index", ex);
		}
	}

}
